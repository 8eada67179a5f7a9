package uk.nip.broker.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One line per message on stderr. PixelMed's own diagnostics are silenced: they can quote
 * attribute values, and every problem they report reaches the run summary as a quarantine reason.
 */
final class ConsoleLogging {

    // JUL keeps loggers weakly: without these references the levels set below would be forgotten
    private static final Logger PIXELMED = Logger.getLogger("com.pixelmed");
    private static final Logger CAMUNDA = Logger.getLogger("org.camunda");
    private static final Logger HTTP_CLIENT = Logger.getLogger("org.apache.hc");

    private ConsoleLogging() {
    }

    /** The deepest cause on the same line: stack traces would break the one-line-per-event log. */
    private static String cause(Throwable thrown) {
        if (thrown == null) {
            return "";
        }
        Throwable root = thrown;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage().replaceAll("\\s+", " ");
        return " (" + root.getClass().getSimpleName() + message + ")";
    }

    static void configure() {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        ConsoleHandler handler = new ConsoleHandler();
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                return java.time.Instant.ofEpochMilli(r.getMillis()) + " " + r.getLevel() + " "
                        + r.getLoggerName() + " " + formatMessage(r) + cause(r.getThrown()) + System.lineSeparator();
            }
        });
        root.addHandler(handler);
        root.setLevel(Level.INFO);
        PIXELMED.setLevel(Level.OFF);
        // the external task client logs its set-up at INFO; warnings are enough here
        CAMUNDA.setLevel(Level.WARNING);
        HTTP_CLIENT.setLevel(Level.WARNING);
    }
}
