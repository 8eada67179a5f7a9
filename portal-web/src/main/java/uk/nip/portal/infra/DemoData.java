package uk.nip.portal.infra;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import uk.nip.governance.catalogue.Catalogue;
import uk.nip.governance.catalogue.Dataset;
import uk.nip.governance.committee.Committee;
import uk.nip.governance.committee.CommitteeService;
import uk.nip.governance.committee.Seat;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.Role;
import uk.nip.governance.people.PersonDirectory;

/**
 * A demo catalogue so the platform is usable on a fresh machine. On by default for the embedded
 * set-up; production sets NIP_DEMO_DATA=false.
 */
@ApplicationScoped
public class DemoData {

    public static final String DEMO_DATASET = "demo-chest-ct";
    private static final Logger LOG = Logger.getLogger(DemoData.class.getName());

    @Inject
    Catalogue catalogue;

    @Inject
    CommitteeService committees;

    @Inject
    PersonDirectory people;

    /**
     * The demo realm's people as config/keycloak/imaging-realm.json describes them, so mail reaches
     * them before they first sign in.
     */
    private static final List<DemoPerson> DEMO_PEOPLE = List.of(
            new DemoPerson("researcher", "Rhea Searle", EnumSet.of(Role.RESEARCHER)),
            new DemoPerson("researcher2", "Ravi Second", EnumSet.of(Role.RESEARCHER)),
            new DemoPerson("custodian", "Cora Keeper", EnumSet.of(Role.CUSTODIAN)),
            new DemoPerson("dacmember", "Dana Member", EnumSet.of(Role.DAC_MEMBER)),
            new DemoPerson("dacmember2", "Dev Member", EnumSet.of(Role.DAC_MEMBER)),
            new DemoPerson("dacchair", "Dora Chair", EnumSet.of(Role.DAC_CHAIR, Role.DAC_MEMBER)),
            new DemoPerson("auditor", "Aldo Auditor", EnumSet.of(Role.AUDITOR)),
            new DemoPerson("admin", "Ada Admin", EnumSet.of(Role.ADMIN)));

    private record DemoPerson(String username, String name, Set<Role> roles) {
    }

    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getenv().getOrDefault("NIP_DEMO_DATA", "true"));
    }

    @Transactional
    public void seed() {
        Actor seeder = Actor.system("demo-data");
        if (committees.members(Committee.DEFAULT).isEmpty()) {
            // The realm's demo committee: two members and a chair, quorum 2 (set by migration V5).
            committees.seatMember(seeder, Committee.DEFAULT, "dacmember", Seat.MEMBER);
            committees.seatMember(seeder, Committee.DEFAULT, "dacmember2", Seat.MEMBER);
            committees.seatMember(seeder, Committee.DEFAULT, "dacchair", Seat.CHAIR);
        }
        for (DemoPerson p : DEMO_PEOPLE) {
            if (people.find(p.username()).isEmpty()) {
                people.record(seeder, p.username(), p.name(), p.username() + "@demo.nip.example", p.roles());
            }
        }
        if (!catalogue.isEmpty()) {
            return;
        }
        Dataset chest = new Dataset(DEMO_DATASET, "Demo chest CT collection", "Demo General Hospital NHS Trust");
        chest.setDescription("Generated chest CT studies with fake patient identifiers, for trying the platform.");
        chest.setModalities("CT");
        chest.setBodyParts("CHEST");
        chest.setPatientCount(4);
        chest.setInstanceCount(24);
        chest.setDateFrom(LocalDate.of(2020, 3, 1));
        chest.setDateTo(LocalDate.of(2021, 6, 30));
        // DUO:0000042 general research use; DUO:0000046 non-commercial use only.
        chest.setDuoCodes("DUO:0000042,DUO:0000046");
        chest.setArchiveLocation(DEMO_DATASET);
        catalogue.add(seeder, chest);

        Dataset mr = new Dataset("demo-brain-mr", "Demo brain MR collection", "Demo University Hospitals");
        mr.setDescription("Generated brain MR studies with fake patient identifiers (bin/run-platform makes them).");
        mr.setModalities("MR");
        mr.setBodyParts("HEAD");
        mr.setPatientCount(3);
        mr.setInstanceCount(12);
        mr.setDuoCodes("DUO:0000042");
        mr.setArchiveLocation("demo-brain-mr");
        catalogue.add(seeder, mr);
        LOG.info("Seeded the demo catalogue");
    }
}
