package uk.nip.broker.provision;

/** How far a file got through the pipeline; each stage's count is recorded in the manifest. */
public enum Stage {
    RECEIVED, ACCEPTED, DEIDENTIFIED, VERIFIED, WRITTEN
}
