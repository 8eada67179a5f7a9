package uk.nip.governance.agreement;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One version of a clause in the library. Published wording never changes: a new wording is a new
 * version of the same code, so every issued agreement can be re-read exactly as it was signed.
 */
@Entity
@Table(name = "agreement_clause")
public class Clause {

    /** Replaced with the template's destruction period when the clause is rendered. */
    public static final String DESTRUCTION_DAYS = "{destructionDays}";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false, length = 60)
    private String code;

    @Column(nullable = false, updatable = false)
    private int version;

    @Column(nullable = false, updatable = false, length = 200)
    private String title;

    @Column(nullable = false, updatable = false, length = 8000)
    private String body;

    @Column(nullable = false, updatable = false)
    private boolean mandatory;

    protected Clause() {
    }

    public Clause(String code, int version, String title, String body, boolean mandatory) {
        this.code = code;
        this.version = version;
        this.title = title;
        this.body = body;
        this.mandatory = mandatory;
    }

    /** The wording as it appears in an agreement made from a template with this destruction period. */
    public String render(int destructionDays) {
        return body.replace(DESTRUCTION_DAYS, Integer.toString(destructionDays));
    }

    public Long getId() { return id; }
    public String getCode() { return code; }
    public int getVersion() { return version; }
    public String getTitle() { return title; }
    public String getBody() { return body; }
    public boolean isMandatory() { return mandatory; }
}
