package uk.nip.governance.committee;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A committee question (a thread) or a reply in one. Messages are never edited. */
@Entity
@Table(name = "clarification_message")
public class ClarificationMessage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "application_id", nullable = false)
    private long applicationId;

    /** The question this replies to; null for the question that opens a thread. */
    @Column(name = "thread_id")
    private Long threadId;

    @Column(nullable = false)
    private String author;

    @Column(name = "author_role", nullable = false)
    private String authorRole;

    @Column(nullable = false, length = 8000)
    private String body;

    @Column(name = "posted_at", nullable = false)
    private Instant postedAt;

    @Column(nullable = false)
    private String origin;

    protected ClarificationMessage() {
    }

    ClarificationMessage(long applicationId, Long threadId, String author, String authorRole, String body,
            Instant postedAt, String origin) {
        this.applicationId = applicationId;
        this.threadId = threadId;
        this.author = author;
        this.authorRole = authorRole;
        this.body = body;
        this.postedAt = postedAt;
        this.origin = origin;
    }

    public Long getId() { return id; }
    public long getApplicationId() { return applicationId; }
    public Long getThreadId() { return threadId; }
    public String getAuthor() { return author; }
    public String getAuthorRole() { return authorRole; }
    public String getBody() { return body; }
    public Instant getPostedAt() { return postedAt; }
}
