package uk.nip.governance.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nip.governance.domain.Csv;

class RegisterCsvTest {

    @Test
    void cellsAreQuotedAsRfc4180AndFormulasDisarmed() {
        assertEquals("plain", Csv.cell("plain"));
        assertEquals("\"a, b\"", Csv.cell("a, b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.cell("two\nlines"));
        assertEquals("'=HYPERLINK(\"\"http://x\"\")", Csv.cell("=HYPERLINK(\"http://x\")").replaceAll("^\"|\"$", ""));
        assertEquals("'+1", Csv.cell("+1"));
        assertEquals("'-1", Csv.cell("-1"));
        assertEquals("'@SUM(A1)", Csv.cell("@SUM(A1)"));
        assertEquals("", Csv.cell(""));
    }

    @Test
    void aHeaderRowThenOneRowPerUseWithEveryField() throws Exception {
        RegisterEntry e = RegisterQueryTest.entry("NIP-2026-0001", "=cmd|' /C calc'!A0", "Research", "Academic", false,
                "ACTIVE", LocalDate.parse("2026-03-10"), 21L);
        StringWriter w = new StringWriter();
        RegisterCsv.write(w, List.of(e));
        String[] rows = w.toString().split("\r\n");
        assertEquals(2, rows.length);
        assertEquals(String.join(",", RegisterCsv.HEADER), rows[0]);
        assertEquals(RegisterEntry.class.getRecordComponents().length, RegisterCsv.HEADER.size(),
                "every field of the JSON is a column");
        assertTrue(rows[1].startsWith("NIP-2026-0001,'=cmd|' /C calc'!A0,"), rows[1]);
        assertTrue(rows[1].endsWith(",ACTIVE,,2026-02-17,2026-03-10,21"), rows[1]);
    }
}
