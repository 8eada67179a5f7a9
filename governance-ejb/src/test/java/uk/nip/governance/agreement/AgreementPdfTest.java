package uk.nip.governance.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class AgreementPdfTest {

    static AgreementContent content(String conditions) {
        AgreementTemplate template = new AgreementTemplate(1, 30, Instant.EPOCH, ClauseLibrary.seeded());
        List<AgreementContent.PrintedClause> clauses = template.getClauses().stream()
                .map(c -> new AgreementContent.PrintedClause(c.getCode(), c.getVersion(), c.getTitle(), c.render(30)))
                .toList();
        return new AgreementContent("NIP-2026-0042", 2, 1, "Early detection of lung nodules on chest CT",
                "Dr Ada Example (researcher)", "University of Exampleton (academic sector)", "Algorithm training",
                "We will teach a computer to spot early signs of lung disease on chest scans.", false,
                List.of("demo-chest-ct (modalities CT, body parts CHEST, ages 18 to any)"), conditions,
                LocalDate.of(2027, 12, 31), 30, Instant.parse("2026-11-27T09:00:00Z"), "dacchair",
                "Amendment: twelve more months", clauses);
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }

    @Test
    void theAgreementShowsTheParticularsAndEveryMandatoryClauseTitle() throws IOException {
        String text = text(AgreementPdf.render(content("Results must be published within 12 months.")));
        for (String expected : List.of("NIP-2026-0042", "Agreement version 2 (from template version 1)",
            "Early detection of lung nodules on chest CT", "Dr Ada Example", "University of Exampleton",
            "Algorithm training", "Commercial purpose No", "demo-chest-ct", "Results must be published within 12 months.",
            "31 December 2027", "Amendment: twelve more months")) {
            assertTrue(text.contains(expected), "missing '" + expected + "' in: " + text);
        }
        for (Clause c : ClauseLibrary.seeded()) {
            assertTrue(text.contains(c.getTitle()), "missing clause " + c.getTitle());
        }
        assertTrue(text.contains("within 30 days of revocation"), "destruction period not rendered");
        assertTrue(text.contains("within 24 hours"), "breach notification period missing");
    }

    @Test
    void longConditionsWrapOntoFurtherPagesWithoutLosingWords() throws IOException {
        StringBuilder conditions = new StringBuilder();
        for (int i = 1; i <= 150; i++) {
            conditions.append("Condition ").append(i).append(" applies to every output of the project. ");
        }
        conditions.append("Checksum ").append("f".repeat(200));
        byte[] pdf = AgreementPdf.render(content(conditions.toString()));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertTrue(doc.getNumberOfPages() >= 3, "pages: " + doc.getNumberOfPages());
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("page 1 of " + doc.getNumberOfPages()));
        }
        String text = text(pdf);
        assertTrue(text.contains("Condition 150 applies"), "the last condition was lost");
        assertTrue(text.replace(" ", "").contains("f".repeat(200)), "the over-long word lost characters when broken");
        assertTrue(text.contains("Extension to future data releases"), "a clause after the conditions was lost");
    }

    @Test
    void charactersTheStandardFontLacksDoNotStopTheAgreement() throws IOException {
        String text = text(AgreementPdf.render(content("Report Δ-values ≤ 5 and “quote” – fine")));
        assertTrue(text.contains("Report ?-values ? 5 and “quote” – fine"), text);
    }

    @Test
    void theHashIsTheSha256OfTheBytes() throws NoSuchAlgorithmException {
        byte[] pdf = AgreementPdf.render(content("None."));
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));
        assertEquals(expected, AgreementPdf.sha256(pdf));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                AgreementPdf.sha256("".getBytes(StandardCharsets.UTF_8)));
    }
}
