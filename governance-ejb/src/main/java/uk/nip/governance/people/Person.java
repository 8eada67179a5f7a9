package uk.nip.governance.people;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import uk.nip.governance.domain.Role;

/** A person as the identity provider last described them: who to write to, and in which roles. */
@Entity
@Table(name = "person")
public class Person {

    @Id
    private String username;

    @Column(name = "display_name")
    private String displayName;

    private String email;

    /** Realm role names, comma-separated. */
    @Column(nullable = false)
    private String roles;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Person() {
    }

    Person(String username) {
        this.username = username;
        this.roles = "";
    }

    /** Takes the identity provider's current details; says whether anything changed. */
    boolean update(String displayName, String email, Set<Role> roles, Instant now) {
        String joined = roles.stream().sorted().map(Role::realmName).collect(Collectors.joining(","));
        boolean changed = !joined.equals(this.roles) || !same(displayName, this.displayName)
                || !same(email, this.email);
        this.displayName = displayName;
        this.email = email;
        this.roles = joined;
        if (changed || updatedAt == null) {
            updatedAt = now;
        }
        return changed;
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    public String getUsername() { return username; }
    public String getDisplayName() { return displayName; }
    public String getEmail() { return email; }
    public Instant getUpdatedAt() { return updatedAt; }

    public Set<Role> getRoles() {
        Set<Role> set = EnumSet.noneOf(Role.class);
        Arrays.stream(roles.split(",")).filter(r -> !r.isBlank()).forEach(r -> set.add(Role.fromRealmName(r)));
        return set;
    }

    public boolean has(Role role) {
        return getRoles().contains(role);
    }
}
