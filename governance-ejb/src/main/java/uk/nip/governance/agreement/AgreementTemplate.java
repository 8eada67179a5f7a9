package uk.nip.governance.agreement;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A published template: which clause versions an agreement contains, in order, and the destruction period. */
@Entity
@Table(name = "agreement_template")
public class AgreementTemplate {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, updatable = false)
    private int version;

    /** Days within which data must be destroyed after revocation or the end of the agreement. */
    @Column(name = "destruction_days", nullable = false, updatable = false)
    private int destructionDays;

    @Column(name = "published_at", nullable = false, updatable = false)
    private Instant publishedAt;

    @ManyToMany(fetch = FetchType.EAGER)
    @JoinTable(name = "agreement_template_clause", joinColumns = @JoinColumn(name = "template_id"),
            inverseJoinColumns = @JoinColumn(name = "clause_id"))
    @OrderColumn(name = "position")
    private List<Clause> clauses = new ArrayList<>();

    protected AgreementTemplate() {
    }

    /** A template is complete or it does not exist: the mandatory clauses are checked here. */
    public AgreementTemplate(int version, int destructionDays, Instant publishedAt, List<Clause> clauses) {
        if (destructionDays < 1) {
            throw new IllegalArgumentException("The destruction period must be at least one day, not "
                    + destructionDays + ".");
        }
        MandatoryClauses.check(version, clauses);
        this.version = version;
        this.destructionDays = destructionDays;
        this.publishedAt = publishedAt;
        this.clauses.addAll(clauses);
    }

    /** Checks a template read from the database, which could have been edited outside the portal. */
    public AgreementTemplate requireComplete() {
        MandatoryClauses.check(version, clauses);
        return this;
    }

    public Long getId() { return id; }
    public int getVersion() { return version; }
    public int getDestructionDays() { return destructionDays; }
    public Instant getPublishedAt() { return publishedAt; }
    public List<Clause> getClauses() { return List.copyOf(clauses); }
}
