package uk.nip.governance.application;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/**
 * A person working on the project besides the lead. Members signed in under {@code username} may
 * read the application; only the lead changes it.
 */
@Embeddable
public class TeamMember {

    @Column(name = "name")
    private String name;

    @Column(name = "email")
    private String email;

    @Column(name = "username")
    private String username;

    @Column(name = "project_role")
    private String role;

    @Column(name = "orcid", length = 19)
    private String orcid;

    protected TeamMember() {
    }

    public TeamMember(String name, String email, String username, String role, String orcid) {
        this.name = trimmed(name);
        this.email = trimmed(email);
        this.username = trimmed(username);
        this.role = trimmed(role);
        String o = Orcid.normalise(trimmed(orcid));
        this.orcid = o;
    }

    static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public String getName() { return name; }
    public String getEmail() { return email; }
    public String getUsername() { return username; }
    public String getRole() { return role; }
    public String getOrcid() { return orcid; }

    /** "Name (role)", or the name alone for a member an amendment added before roles were asked for. */
    public String nameWithRole() {
        return role == null || role.isBlank() ? name : name + " (" + role + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TeamMember m && Objects.equals(name, m.name) && Objects.equals(email, m.email)
                && Objects.equals(username, m.username) && Objects.equals(role, m.role)
                && Objects.equals(orcid, m.orcid);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, email, username, role, orcid);
    }
}
