package uk.nip.governance.application;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one line the committee, the audit and the agreement read for what an amendment changes. */
class AmendmentSummaryTest {

    private static Amendment newMembers(TeamMember... members) {
        return new Amendment(1L, 2, AmendmentKind.NEW_MEMBERS, "Two more readers.", null, List.of(), List.of(members),
                "researcher", Instant.now());
    }

    @Test
    void newMembersAreNamedWithWhatTheyWillDo() {
        Amendment a = newMembers(new TeamMember("Dana Reader", "dana@example.org", null, "Second reader", null),
                new TeamMember("Eli Stats", null, "researcher2", "Statistician", null));
        assertEquals("New team members: members Dana Reader (Second reader), Eli Stats (Statistician)", a.summary());
    }

    @Test
    void aMemberRequestedBeforeRolesWereAskedForIsNamedAlone() {
        assertEquals("New team members: members Dana Reader",
                newMembers(new TeamMember("Dana Reader", "dana@example.org", null, null, null)).summary());
    }

    @Test
    void moreTimeNamesTheNewEndDate() {
        Amendment a = new Amendment(1L, 2, AmendmentKind.MORE_TIME, "Slow recruitment.", LocalDate.of(2028, 3, 31),
                List.of(), List.of(), "researcher", Instant.now());
        assertEquals("More time: end date 2028-03-31", a.summary());
    }
}
