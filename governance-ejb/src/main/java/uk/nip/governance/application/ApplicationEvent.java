package uk.nip.governance.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import uk.nip.governance.domain.ApplicationAction;
import uk.nip.governance.domain.ApplicationState;

/** One immutable step in an application's history. */
@Entity
@Table(name = "application_event")
public class ApplicationEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "application_id", nullable = false, updatable = false)
    private long applicationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private ApplicationAction action;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_state", updatable = false)
    private ApplicationState fromState;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_state", nullable = false, updatable = false)
    private ApplicationState toState;

    @Column(nullable = false, updatable = false)
    private String actor;

    @Column(name = "actor_role", nullable = false, updatable = false)
    private String role;

    @Column(nullable = false, updatable = false)
    private Instant at;

    @Column(length = 4000, updatable = false)
    private String reason;

    @Column(nullable = false, updatable = false)
    private String origin;

    protected ApplicationEvent() {
    }

    ApplicationEvent(long applicationId, ApplicationAction action, ApplicationState fromState,
            ApplicationState toState, String actor, String role, Instant at, String reason, String origin) {
        this.applicationId = applicationId;
        this.action = action;
        this.fromState = fromState;
        this.toState = toState;
        this.actor = actor;
        this.role = role;
        this.at = at;
        this.reason = reason;
        this.origin = origin;
    }

    public Long getId() { return id; }
    public long getApplicationId() { return applicationId; }
    public ApplicationAction getAction() { return action; }
    public ApplicationState getFromState() { return fromState; }
    public ApplicationState getToState() { return toState; }
    public String getActor() { return actor; }
    public String getRole() { return role; }
    public Instant getAt() { return at; }
    public String getReason() { return reason; }
    public String getOrigin() { return origin; }
}
