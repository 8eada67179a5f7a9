package uk.nip.governance.notification;

/**
 * The words of every notification. Mail leaves the platform, so it carries only the application's
 * reference and title, what happened and what to do next: never patient data, votes, reasons or
 * questions, which people read in the portal after signing in.
 */
public final class Letters {

    private Letters() {
    }

    public static String subject(String reference, String what) {
        return reference + ": " + what;
    }

    public static String body(String name, String reference, String title, String happened, String next,
            String link) {
        return "Dear " + (name == null || name.isBlank() ? "colleague" : name) + ",\n\n"
                + happened + "\n\n"
                + "Application: " + reference + (title == null || title.isBlank() ? "" : " \"" + title + "\"") + "\n\n"
                + "What to do next: " + next + "\n\n"
                + "Open the portal: " + link + "\n\n"
                + "-- \nNational Imaging Platform governance portal. This message was sent automatically and holds no\n"
                + "patient data; sign in to the portal for the details.\n";
    }

    /** The portal's address as people reach it, without a trailing slash. */
    public static String portalUrl(String configured) {
        String url = configured == null || configured.isBlank() ? "http://localhost:8080" : configured.strip();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
