package uk.nip.governance.committee;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A person's seat on one committee. The realm role says what they may do; this says where. */
@Entity
@Table(name = "committee_member")
public class CommitteeMember {

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "committee_id")
        String committeeId;
        String username;

        protected Key() {
        }

        Key(String committeeId, String username) {
            this.committeeId = committeeId;
            this.username = username;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.committeeId.equals(committeeId) && k.username.equals(username);
        }

        @Override
        public int hashCode() {
            return Objects.hash(committeeId, username);
        }
    }

    @EmbeddedId
    private Key key;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Seat seat;

    protected CommitteeMember() {
    }

    public CommitteeMember(String committeeId, String username, Seat seat) {
        this.key = new Key(committeeId, username);
        this.seat = seat;
    }

    public String getCommitteeId() { return key.committeeId; }
    public String getUsername() { return key.username; }
    public Seat getSeat() { return seat; }
}
