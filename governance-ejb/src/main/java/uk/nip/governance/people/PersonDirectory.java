package uk.nip.governance.people;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import uk.nip.governance.audit.AuditTrail;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.Role;

/**
 * Names, addresses and roles of the people the portal writes to, taken from the identity provider
 * whenever a person signs in (and seeded for the demo realm). Keycloak remains the source of truth.
 */
@ApplicationScoped
@Transactional
public class PersonDirectory {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

    /** What was last written per person, so that a request with unchanged details never touches the database. */
    private final Map<String, List<Object>> lastSeen = new ConcurrentHashMap<>();

    /** Whether these details are already recorded, so the caller can skip starting a transaction. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean isCurrent(String username, String displayName, String email, Set<Role> roles) {
        return Objects.equals(lastSeen.get(username), List.of(String.valueOf(displayName), String.valueOf(email),
                Set.copyOf(roles)));
    }

    /** Records a person's details as the identity provider states them at sign-in. */
    public void signedIn(Actor actor, String displayName, String email, Set<Role> roles) {
        record(actor, actor.username(), displayName, email, roles);
        lastSeen.put(actor.username(), List.of(String.valueOf(displayName), String.valueOf(email),
                Set.copyOf(roles)));
    }

    /** Records someone's details (the demo seeder does this for the demo realm's users); a change is audited. */
    public void record(Actor by, String username, String displayName, String email, Set<Role> roles) {
        String address = email == null || !EMAIL.matcher(email.strip()).matches() ? null : email.strip();
        String name = displayName == null || displayName.isBlank() ? null : displayName.strip();
        Set<Role> realmRoles = roles.stream().filter(r -> r != Role.SYSTEM).collect(Collectors.toUnmodifiableSet());
        Person p = em.find(Person.class, username);
        boolean created = p == null;
        if (created) {
            p = new Person(username);
        }
        if (p.update(name, address, realmRoles, Instant.now())) {
            if (created) {
                em.persist(p);
            }
            audit.record(by, created ? "person.add" : "person.update", "person", username,
                    "roles " + realmRoles.stream().map(Role::realmName).sorted().toList()
                            + (address == null ? ", no email address" : ", email address on record"));
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Person> find(String username) {
        return username == null ? Optional.empty() : Optional.ofNullable(em.find(Person.class, username));
    }

    /** Everyone the identity provider last said holds this role. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Person> withRole(Role role) {
        return em.createQuery("select p from Person p order by p.username", Person.class).getResultStream()
                .filter(p -> p.has(role)).toList();
    }
}
