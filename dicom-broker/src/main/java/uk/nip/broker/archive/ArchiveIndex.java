package uk.nip.broker.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import uk.nip.broker.cohort.CohortCriteria;
import uk.nip.broker.deid.RestrictedStore;

/**
 * What the broker knows about its archive without reading pixels: patients, studies, series,
 * modality, body part, study date, age, sex and site of every instance, per collection. An
 * embedded H2 database in the restricted store (it holds patient ids). A refresh re-reads
 * only units (files, or studies) whose fingerprint changed, and forgets units that are gone.
 */
public final class ArchiveIndex implements AutoCloseable {

    /** What a refresh did. */
    public record Refresh(int units, int unitsRead, int unitsRemoved, long instances) {
    }

    private static final String COLUMNS = "source_key, unit_key, unit_fingerprint, readable, patient_id, study_uid,"
            + " series_uid, sop_uid, modality, body_part, study_date, age_years, sex, site";

    private final Connection db;

    private ArchiveIndex(Connection db) {
        this.db = db;
    }

    /**
     * Opens (creating if needed) the index in {@code <store>/archive-index/}. One process at a
     * time: H2 locks the file, so a second broker gets a clear error instead of a damaged index.
     */
    public static ArchiveIndex open(RestrictedStore store) throws IOException {
        Path folder = RestrictedStore.ensureOwnerOnlyDirectory(
                RestrictedStore.ensureOwnerOnlyDirectory(store.root()).resolve("archive-index"));
        Properties p = new Properties();
        p.setProperty("user", "broker");
        p.setProperty("password", "");
        try {
            Connection c = new org.h2.Driver().connect("jdbc:h2:file:" + folder.resolve("index").toAbsolutePath()
                    + ";DB_CLOSE_ON_EXIT=FALSE", p);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS indexed_instance ("
                        + " archive VARCHAR NOT NULL, collection VARCHAR NOT NULL, source_key VARCHAR NOT NULL,"
                        + " unit_key VARCHAR NOT NULL, unit_fingerprint VARCHAR NOT NULL, readable BOOLEAN NOT NULL,"
                        + " patient_id VARCHAR, study_uid VARCHAR, series_uid VARCHAR, sop_uid VARCHAR,"
                        + " modality VARCHAR, body_part VARCHAR, study_date DATE, age_years INT, sex VARCHAR, site VARCHAR,"
                        + " PRIMARY KEY (archive, collection, source_key))");
                s.execute("CREATE INDEX IF NOT EXISTS indexed_instance_unit ON indexed_instance (archive, collection, unit_key)");
            }
            // it holds patient IDs and UIDs: owner-only, as everything else in the store
            try (var files = Files.list(folder)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    RestrictedStore.makeOwnerOnlyFile(f);
                }
            }
            return new ArchiveIndex(c);
        } catch (SQLException e) {
            if (e.getErrorCode() == org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1) {
                throw new IOException("the archive index is in use by another broker process: " + folder, e);
            }
            throw new IOException("cannot open the archive index in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Brings one collection's entries up to date with the archive, reading headers on {@code threads} threads. */
    public synchronized Refresh refresh(ImageArchive archive, String collection, int threads) throws IOException {
        List<ArchiveUnit> units = archive.units(collection);
        Map<String, String> known = knownUnits(archive, collection);
        List<ArchiveUnit> changed = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (ArchiveUnit u : units) {
            present.add(u.key());
            if (!u.fingerprint().equals(known.get(u.key()))) {
                changed.add(u);
            }
        }
        List<String> removed = known.keySet().stream().filter(k -> !present.contains(k)).toList();
        try {
            db.setAutoCommit(false);
            deleteUnits(archive, collection, removed);
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
            try {
                // headers are read in batches so memory stays bounded on large collections
                for (int from = 0; from < changed.size(); from += 1000) {
                    List<ArchiveUnit> batch = changed.subList(from, Math.min(changed.size(), from + 1000));
                    List<Future<List<ArchivedInstance>>> read = new ArrayList<>();
                    for (ArchiveUnit u : batch) {
                        read.add(pool.submit(() -> archive.describe(collection, u)));
                    }
                    deleteUnits(archive, collection, batch.stream().map(ArchiveUnit::key).toList());
                    List<ArchivedInstance> rows = new ArrayList<>();
                    for (Future<List<ArchivedInstance>> f : read) {
                        rows.addAll(f.get());
                    }
                    insert(archive, rows);
                    db.commit();
                }
            } finally {
                pool.shutdownNow();
            }
            db.commit();
            return new Refresh(units.size(), changed.size(), removed.size(), count(archive, collection));
        } catch (SQLException e) {
            rollback();
            // H2's own message can quote the row it refused, with its patient ID and UIDs
            throw new IOException("archive index update failed: SQL state " + e.getSQLState() + ", H2 error "
                    + e.getErrorCode());
        } catch (ExecutionException e) {
            rollback();
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("reading archive headers of dataset " + collection + " failed: "
                    + cause.getClass().getSimpleName());
        } catch (InterruptedException e) {
            rollback();
            Thread.currentThread().interrupt();
            throw new IOException("archive index update interrupted", e);
        }
    }

    /** Every indexed instance of the collections that meets the criteria, in source-key order. */
    public synchronized List<ArchivedInstance> select(ImageArchive archive, Collection<String> collections,
            CohortCriteria criteria) throws IOException {
        StringBuilder sql = new StringBuilder("SELECT collection, " + COLUMNS
                + " FROM indexed_instance WHERE archive = ? AND collection IN (" + marks(collections.size()) + ")");
        List<Object> args = new ArrayList<>();
        args.add(archive.location());
        args.addAll(collections);
        if (!criteria.isEmpty()) {
            // an instance whose header could not be read cannot be shown to meet any criterion
            sql.append(" AND readable");
        }
        in(sql, args, "modality", criteria.modalities());
        in(sql, args, "body_part", criteria.bodyParts());
        in(sql, args, "sex", criteria.sexes());
        in(sql, args, "UPPER(site)", criteria.sites());
        if (criteria.studyDateFrom() != null) {
            sql.append(" AND study_date >= ?");
            args.add(Date.valueOf(criteria.studyDateFrom()));
        }
        if (criteria.studyDateTo() != null) {
            sql.append(" AND study_date <= ?");
            args.add(Date.valueOf(criteria.studyDateTo()));
        }
        if (criteria.ageMin() != null) {
            sql.append(" AND age_years >= ?");
            args.add(criteria.ageMin());
        }
        if (criteria.ageMax() != null) {
            sql.append(" AND age_years <= ?");
            args.add(criteria.ageMax());
        }
        sql.append(" ORDER BY collection, source_key");
        try (PreparedStatement q = db.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                q.setObject(i + 1, args.get(i));
            }
            List<ArchivedInstance> rows = new ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    rows.add(row(r));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IOException("archive index query failed: " + e.getMessage(), e);
        }
    }

    private static void in(StringBuilder sql, List<Object> args, String column, Set<String> values) {
        if (!values.isEmpty()) {
            sql.append(" AND ").append(column).append(" IN (").append(marks(values.size())).append(')');
            values.forEach(v -> args.add(v.toUpperCase(Locale.ROOT)));
        }
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(Math.max(1, n), "?"));
    }

    private static ArchivedInstance row(ResultSet r) throws SQLException {
        ArchiveUnit unit = new ArchiveUnit(r.getString("unit_key"), r.getString("unit_fingerprint"));
        HeaderSummary h = null;
        if (r.getBoolean("readable")) {
            Date d = r.getDate("study_date");
            int age = r.getInt("age_years");
            Integer ageYears = r.wasNull() ? null : age;
            h = new HeaderSummary(r.getString("patient_id"), r.getString("study_uid"), r.getString("series_uid"),
                    r.getString("sop_uid"), r.getString("modality"), r.getString("body_part"),
                    d == null ? null : d.toLocalDate(), ageYears, r.getString("sex"), r.getString("site"));
        }
        return new ArchivedInstance(r.getString("collection"), r.getString("source_key"), unit, h);
    }

    private Map<String, String> knownUnits(ImageArchive archive, String collection) throws IOException {
        Map<String, String> known = new HashMap<>();
        try (PreparedStatement q = db.prepareStatement("SELECT DISTINCT unit_key, unit_fingerprint FROM indexed_instance"
                + " WHERE archive = ? AND collection = ?")) {
            q.setString(1, archive.location());
            q.setString(2, collection);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    known.put(r.getString(1), r.getString(2));
                }
            }
            return known;
        } catch (SQLException e) {
            throw new IOException("archive index query failed: " + e.getMessage(), e);
        }
    }

    private long count(ImageArchive archive, String collection) throws SQLException {
        try (PreparedStatement q = db.prepareStatement("SELECT COUNT(*) FROM indexed_instance WHERE archive = ? AND collection = ?")) {
            q.setString(1, archive.location());
            q.setString(2, collection);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private void deleteUnits(ImageArchive archive, String collection, List<String> unitKeys) throws SQLException {
        if (unitKeys.isEmpty()) {
            return;
        }
        try (PreparedStatement d = db.prepareStatement("DELETE FROM indexed_instance WHERE archive = ? AND collection = ? AND unit_key = ?")) {
            for (String key : unitKeys) {
                d.setString(1, archive.location());
                d.setString(2, collection);
                d.setString(3, key);
                d.addBatch();
            }
            d.executeBatch();
        }
    }

    private void insert(ImageArchive archive, List<ArchivedInstance> rows) throws SQLException {
        try (PreparedStatement i = db.prepareStatement("MERGE INTO indexed_instance (archive, collection, " + COLUMNS
                + ") KEY (archive, collection, source_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ArchivedInstance a : rows) {
                HeaderSummary h = a.header();
                i.setString(1, archive.location());
                i.setString(2, a.collection());
                i.setString(3, a.sourceKey());
                i.setString(4, a.unit().key());
                i.setString(5, a.unit().fingerprint());
                i.setBoolean(6, h != null);
                i.setString(7, h == null ? null : h.patientId());
                i.setString(8, h == null ? null : h.studyUid());
                i.setString(9, h == null ? null : h.seriesUid());
                i.setString(10, h == null ? null : h.sopUid());
                i.setString(11, h == null ? null : h.modality());
                i.setString(12, h == null ? null : h.bodyPart());
                if (h == null || h.studyDate() == null) {
                    i.setNull(13, Types.DATE);
                } else {
                    i.setDate(13, Date.valueOf(h.studyDate()));
                }
                if (h == null || h.ageYears() == null) {
                    i.setNull(14, Types.INTEGER);
                } else {
                    i.setInt(14, h.ageYears());
                }
                i.setString(15, h == null ? null : h.sex());
                i.setString(16, h == null ? null : h.site());
                i.addBatch();
            }
            i.executeBatch();
        }
    }

    private void rollback() {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // the connection is closed with the index; nothing half-written was committed
        }
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            db.close();
        } catch (SQLException e) {
            throw new IOException("closing the archive index failed: " + e.getMessage(), e);
        }
    }
}
