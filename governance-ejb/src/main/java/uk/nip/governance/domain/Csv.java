package uk.nip.governance.domain;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV, as the register and the audit trail export it: a field with a comma, quote, CR
 * or LF is quoted and its quotes doubled; rows end in CRLF. People type the titles, summaries and
 * reasons these files carry, and the files open in spreadsheets, so a cell a spreadsheet would run
 * as a formula (starting with = + - @, tab or CR) gets a leading apostrophe (OWASP). The JSON
 * exports keep every value exactly.
 */
public final class Csv {

    private Csv() {
    }

    public static void row(Writer w, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(cell(cells.get(i)));
        }
        w.write("\r\n");
    }

    public static String cell(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\r') < 0 && v.indexOf('\n') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
