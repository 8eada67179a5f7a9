package uk.nip.governance.agreement;

import uk.nip.governance.domain.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Renders an agreement version as an A4 PDF: particulars, then every clause, wrapped over as many pages as needed. */
public final class AgreementPdf {

    private static final float MARGIN = 56;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter MOMENT =
            DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.UK).withZone(ZoneOffset.UTC);

    private AgreementPdf() {
    }

    public static byte[] render(AgreementContent c) {
        try (PDDocument doc = new PDDocument()) {
            Layout out = new Layout(doc);
            out.line("Data-sharing agreement", out.bold, 18, 8);
            out.line("National Imaging Platform", out.regular, 12, 14);
            out.field("Application", c.reference());
            out.field("Agreement version", c.agreementVersion() + " (from template version " + c.templateVersion() + ")");
            out.field("Issued", MOMENT.format(c.issuedAt()) + " by " + c.issuedBy());
            out.field("Reason for this version", c.reason());
            out.gap(6);

            out.heading("The project");
            out.field("Title", c.title());
            out.field("Lead applicant", c.lead());
            out.field("Organisation", blankAs(c.organisation(), "not stated"));
            out.field("Purpose", blankAs(c.purpose(), "not stated"));
            out.field("Project summary", blankAs(c.projectSummary(), "not stated"));
            out.field("Commercial purpose", c.commercial() == null ? "not stated" : c.commercial() ? "Yes" : "No");
            out.field("Requested datasets", c.datasets().isEmpty() ? "none" : String.join("; ", c.datasets()));
            out.field("Committee's conditions", blankAs(c.conditions(), "none recorded"));
            out.field("Agreement expires", DAY.format(c.expiryDate()));
            out.field("Data destruction period", c.destructionDays() + " days after revocation or expiry");
            out.gap(6);

            out.heading("Clauses");
            int n = 1;
            for (AgreementContent.PrintedClause clause : c.clauses()) {
                out.line(n++ + ". " + clause.title(), out.bold, 11, 2);
                out.paragraph(clause.text(), out.regular, 10.5f);
                out.line("Clause " + clause.code() + ", version " + clause.version(), out.italic, 8, 6);
            }

            out.heading("Signatures");
            out.paragraph("This agreement takes effect when both the lead applicant and a chair of the data access "
                    + "committee have signed it as authenticated users of the governance portal. Each signature records "
                    + "who signed, when, from where, and the SHA-256 of this document; the portal refuses a signature "
                    + "for any other document.", out.regular, 10.5f);
            out.finish(c.reference() + ", agreement version " + c.agreementVersion());

            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("Data-sharing agreement " + c.reference() + " version " + c.agreementVersion());
            info.setAuthor("National Imaging Platform");
            info.setSubject(c.title());
            Calendar issued = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC));
            issued.setTimeInMillis(c.issuedAt().toEpochMilli());
            info.setCreationDate(issued);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not render the agreement for " + c.reference(), e);
        }
    }

    public static String sha256(byte[] content) {
        return Sha256.hex(content);
    }

    private static String blankAs(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value.strip();
    }

    /** A cursor down the page that starts a new page when the next line would not fit. */
    private static final class Layout {
        final PDDocument doc;
        final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        final PDType1Font italic = new PDType1Font(Standard14Fonts.FontName.HELVETICA_OBLIQUE);
        PDPageContentStream stream;
        float y;

        Layout(PDDocument doc) throws IOException {
            this.doc = doc;
            newPage();
        }

        void newPage() throws IOException {
            if (stream != null) {
                stream.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            stream = new PDPageContentStream(doc, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        void heading(String text) throws IOException {
            // Keep a heading with at least three lines of what follows.
            if (y - 60 < MARGIN + 20) {
                newPage();
            }
            line(text, bold, 14, 6);
        }

        void field(String label, String value) throws IOException {
            line(label, bold, 10, 0);
            paragraph(value, regular, 10.5f);
        }

        void line(String text, PDType1Font font, float size, float after) throws IOException {
            for (String l : wrap(printable(text, font), font, size, WIDTH)) {
                write(l, font, size, MARGIN);
            }
            y -= after;
        }

        void paragraph(String text, PDType1Font font, float size) throws IOException {
            for (String para : text.split("\\R")) {
                for (String l : wrap(printable(para, font), font, size, WIDTH - 12)) {
                    write(l, font, size, MARGIN + 12);
                }
            }
            y -= 4;
        }

        void gap(float points) {
            y -= points;
        }

        private void write(String text, PDType1Font font, float size, float x) throws IOException {
            float leading = size * 1.35f;
            if (y - leading < MARGIN + 20) {
                newPage();
            }
            y -= leading;
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(x, y);
            stream.showText(text);
            stream.endText();
        }

        /** Page numbers and the agreement's identity on every page, so a printed page cannot be mistaken. */
        void finish(String identity) throws IOException {
            stream.close();
            int total = doc.getNumberOfPages();
            for (int i = 0; i < total; i++) {
                try (PDPageContentStream footer = new PDPageContentStream(doc, doc.getPage(i),
                        PDPageContentStream.AppendMode.APPEND, true)) {
                    footer.beginText();
                    footer.setFont(regular, 8);
                    footer.newLineAtOffset(MARGIN, MARGIN / 2);
                    footer.showText(printable(identity + " - page " + (i + 1) + " of " + total, regular));
                    footer.endText();
                }
            }
        }

        static List<String> wrap(String text, PDType1Font font, float size, float width) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String word : text.split(" +")) {
                String candidate = current.isEmpty() ? word : current + " " + word;
                if (current.isEmpty() || widthOf(candidate, font, size) <= width) {
                    current.setLength(0);
                    current.append(candidate);
                } else {
                    lines.add(current.toString());
                    current.setLength(0);
                    current.append(word);
                }
                // A single word wider than the line (a long hash or URL) is broken wherever it must be.
                while (widthOf(current.toString(), font, size) > width && current.length() > 1) {
                    int cut = current.length() - 1;
                    while (cut > 1 && widthOf(current.substring(0, cut), font, size) > width) {
                        cut--;
                    }
                    lines.add(current.substring(0, cut));
                    current.delete(0, cut);
                }
            }
            if (!current.isEmpty()) {
                lines.add(current.toString());
            }
            return lines;
        }

        private static float widthOf(String s, PDType1Font font, float size) throws IOException {
            return font.getStringWidth(s) / 1000 * size;
        }

        /** The standard fonts cover Latin-1 and typographic punctuation; anything else prints as '?'. */
        static String printable(String text, PDType1Font font) {
            StringBuilder sb = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                if (Character.isWhitespace(cp) || Character.isISOControl(cp)) {
                    sb.append(' ');
                    return;
                }
                String ch = new String(Character.toChars(cp));
                try {
                    font.encode(ch);
                    sb.append(ch);
                } catch (IllegalArgumentException | IOException e) {
                    sb.append('?');
                }
            });
            return sb.toString().strip();
        }
    }
}
