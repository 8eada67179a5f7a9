package uk.nip.portal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void aProblemKeyNamesTheComponentItIsShownNextTo() {
        assertEquals("draft:title", Messages.clientId("draft", "title"));
        assertEquals("draft:datasets:0:datasetId", Messages.clientId("draft", "datasets[0].datasetId"));
        assertEquals("draft:team:12:orcid", Messages.clientId("draft", "team[12].orcid"));
        assertEquals("draft:compute_cpuCores", Messages.clientId("draft", "compute.cpuCores"));
        assertEquals("add:patientIds", Messages.clientId("add", "patientIds[2]"));
    }
}
