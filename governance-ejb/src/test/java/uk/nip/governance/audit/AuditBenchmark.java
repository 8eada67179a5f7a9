package uk.nip.governance.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import uk.nip.governance.schema.SchemaMigrations;

/**
 * Measures the audit trail outside the server, on the real schema (the project's Flyway migrations)
 * and the real hashing ({@link AuditRecord}, {@link ChainVerification}):
 *
 * <ol>
 * <li>append rate with {@link AuditTrail#record} semantics, one record per transaction: lock the head
 * row, insert the hashed record, advance the head, commit; 1 and 4 threads. The ceiling is the same
 * loop inserting the same row into a copy of the table (same indexes) with no hash and no head.</li>
 * <li>verification of a chain of {@code bench.records} records (default 1,000,000), streamed in
 * sequence order as {@link AuditTrail#verify} does. The ceiling is the same streamed read without
 * building records or hashing.</li>
 * </ol>
 *
 * Run it with {@code flock /tmp/nip-server.lock ./mvnw -B -pl governance-ejb -Pbenchmark -DskipTests verify};
 * see docs/benchmarks.md. PostgreSQL runs in a database {@code nip_bench} it creates and drops.
 */
public final class AuditBenchmark {

    static final String INSERT = "insert into %s (seq, at, actor, actor_role, action, object_type, object_id, origin,"
            + " detail, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String SELECT = "select seq, at, actor, actor_role, action, object_type, object_id, origin, detail,"
            + " prev_hash, hash from audit_record order by seq";

    final int records = Integer.getInteger("bench.records", 1_000_000);
    final int appendSeconds = Integer.getInteger("bench.appendSeconds", 10);
    final List<String> databases = Arrays.asList(System.getProperty("bench.db", "h2,postgresql").split(","));
    final String pgAdminUrl = System.getProperty("bench.pgAdminUrl", "jdbc:postgresql://127.0.0.1:5432/postgres");
    final String pgUser = System.getProperty("bench.pgUser", "postgres");
    final String pgPassword = System.getProperty("bench.pgPassword", "");
    final Path workDir = Path.of(System.getProperty("bench.dir", "target/benchmark"));
    final List<String> report = new ArrayList<>();

    /** Held so the level sticks: Flyway's progress lines would drown the results. */
    static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

    public static void main(String[] args) throws Exception {
        FLYWAY_LOG.setLevel(java.util.logging.Level.WARNING);
        new AuditBenchmark().run();
    }

    void run() throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(workDir);
        line("# Audit trail benchmark");
        line("");
        line("- Machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), "
                + memTotal() + " RAM; " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        line("- Records verified: " + String.format(Locale.ROOT, "%,d", records) + "; each append run: "
                + appendSeconds + " s after a 2 s warm-up; one record per transaction");
        for (String db : databases) {
            switch (db.strip()) {
                case "h2" -> h2();
                case "postgresql" -> postgresql();
                default -> throw new IllegalArgumentException("bench.db: h2 and/or postgresql, not " + db);
            }
        }
        line("");
        line(String.format(Locale.ROOT, "Total run time: %.0f s", (System.nanoTime() - started) / 1e9));
        Path out = workDir.resolve("audit-benchmark.md");
        Files.write(out, report);
        System.out.println("\nWritten to " + out.toAbsolutePath());
    }

    void h2() throws Exception {
        Path dir = workDir.resolve("h2");
        deleteTree(dir);
        Files.createDirectories(dir);
        // As the server's datasource: a file database, default settings (config/wildfly/configure.cli).
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("governance") + ";DB_CLOSE_ON_EXIT=FALSE";
        SimpleDataSource ds = new SimpleDataSource(url, "sa", "sa");
        try (Connection c = ds.getConnection()) {
            section("H2 " + c.getMetaData().getDatabaseProductVersion() + " (embedded, file database)");
        }
        SchemaMigrations.migrate(ds);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            // A copy of audit_record (V1) with the same indexes (V1, V4), for the no-chain ceiling.
            s.execute("""
                    create table bench_plain (
                        seq         bigint primary key,
                        at          timestamp with time zone not null,
                        actor       varchar(100) not null,
                        actor_role  varchar(40) not null,
                        action      varchar(100) not null,
                        object_type varchar(60) not null,
                        object_id   varchar(100) not null,
                        origin      varchar(100) not null,
                        detail      varchar(4000),
                        prev_hash   char(64) not null,
                        hash        char(64) not null)""");
            s.execute("create index bench_plain_object on bench_plain (object_type, object_id)");
            s.execute("create index bench_plain_actor on bench_plain (actor)");
            s.execute("create index bench_plain_action on bench_plain (action)");
            s.execute("create index bench_plain_at on bench_plain (at)");
        }
        measure(ds);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("shutdown");
        }
        long bytes;
        try (Stream<Path> files = Files.list(dir)) {
            bytes = files.mapToLong(p -> p.toFile().length()).sum();
        }
        line(String.format(Locale.ROOT, "- Database file after the run: %.0f MiB", bytes / 1048576.0));
        deleteTree(dir);
    }

    void postgresql() throws Exception {
        String benchUrl = pgAdminUrl.substring(0, pgAdminUrl.lastIndexOf('/') + 1) + "nip_bench";
        SimpleDataSource admin = new SimpleDataSource(pgAdminUrl, pgUser, pgPassword);
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("drop database if exists nip_bench with (force)");
            s.execute("create database nip_bench");
        }
        try {
            SimpleDataSource ds = new SimpleDataSource(benchUrl + "?reWriteBatchedInserts=true", pgUser, pgPassword);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                section(c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion()
                        + " (127.0.0.1, synchronous_commit=" + setting(s, "synchronous_commit") + ", fsync="
                        + setting(s, "fsync") + ", shared_buffers=" + setting(s, "shared_buffers") + ")");
            }
            SchemaMigrations.migrate(ds);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                // Same columns and indexes, none of the append-only triggers (they fire on update/delete only).
                s.execute("create table bench_plain (like audit_record including all)");
            }
            measure(ds);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select pg_total_relation_size('audit_record')")) {
                rs.next();
                line(String.format(Locale.ROOT, "- audit_record with its indexes: %.0f MiB", rs.getLong(1) / 1048576.0));
            }
        } finally {
            try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                s.execute("drop database if exists nip_bench with (force)");
            }
        }
    }

    void measure(DataSource ds) throws Exception {
        long fillStart = System.nanoTime();
        fill(ds, 0, records);
        double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            // The ceiling's table starts as big as the chain's, so both append into indexes of the same depth.
            s.execute("insert into bench_plain select * from audit_record");
        }

        scan(ds, false); // warm the caches once, untimed
        Scan read = scan(ds, false);
        Scan verify = scan(ds, true);
        if (!verify.result.intact() || verify.result.recordsChecked() != records) {
            throw new IllegalStateException("The benchmark chain does not verify: " + verify.result);
        }
        line("");
        line("| Walk the whole chain in sequence order | records | seconds | records/s | live heap MiB: before → peak after GC | vs ceiling |");
        line("| --- | ---: | ---: | ---: | ---: | ---: |");
        line(read.row("ceiling: stream every column, no hashing", read));
        line(verify.row("verify: rebuild each record, SHA-256, check links and head", read));

        // One untimed pass of each append loop first, so neither pays for JIT compilation or cold caches.
        appendLoop(ds, 1, false, 3);
        appendLoop(ds, 1, true, 3);
        line("");
        line("| Append to the " + String.format(Locale.ROOT, "%,d", records)
                + "-record trail, one record per transaction | threads | records/s | p50 ms | p99 ms | vs ceiling |");
        line("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (int threads : new int[] {1, 4}) {
            Rate ceiling = appendLoop(ds, threads, false, appendSeconds);
            Rate chain = appendLoop(ds, threads, true, appendSeconds);
            line(ceiling.row("ceiling: plain INSERT, no hash, no head", threads, ceiling));
            line(chain.row("audit chain: lock head, hash, INSERT, advance head", threads, ceiling));
        }

        Scan after = scan(ds, true);
        if (!after.result.intact()) {
            throw new IllegalStateException("Concurrent appends broke the chain: " + after.result);
        }
        line("");
        line(String.format(Locale.ROOT, "- Chain built by batched inserts (the same hashing, 10,000 records per "
                + "transaction): %,d records in %.1f s, %,.0f records/s", records, fillSeconds, records / fillSeconds));
        line(String.format(Locale.ROOT, "- After the append runs the chain holds %,d records and still verifies "
                + "intact (no forks under 4 threads); head %s…", after.result.recordsChecked(),
                after.result.headHash().substring(0, 16)));
    }

    // --- appends -------------------------------------------------------------------------------------

    record Rate(long count, double seconds, double p50, double p99) {
        double perSecond() {
            return count / seconds;
        }

        String row(String what, int threads, Rate ceiling) {
            return String.format(Locale.ROOT, "| %s | %d | %,.0f | %.2f | %.2f | %s |", what, threads, perSecond(),
                    p50, p99, this == ceiling ? "1.00" : String.format(Locale.ROOT, "%.2f",
                            perSecond() / ceiling.perSecond()));
        }
    }

    Rate appendLoop(DataSource ds, int threads, boolean chained, int seconds) throws Exception {
        AtomicLong plainSeq = new AtomicLong(chained ? 0 : maxSeq(ds, "bench_plain"));
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        long endAt = warmUntil + seconds * 1_000_000_000L;
        List<long[]> latencies = new ArrayList<>();
        long[] counts = new long[threads];
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread worker = new Thread(() -> {
                try (Connection c = ds.getConnection()) {
                    c.setAutoCommit(false);
                    c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                    Appender appender = chained ? new ChainAppender(c) : new PlainAppender(c, plainSeq);
                    long[] lat = new long[1 << 16];
                    int n = 0;
                    long i = 0;
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= endAt) {
                            break;
                        }
                        appender.append(i++, id);
                        c.commit();
                        long t1 = System.nanoTime();
                        if (t0 >= warmUntil) {
                            if (n == lat.length) {
                                lat = Arrays.copyOf(lat, n * 2);
                            }
                            lat[n++] = t1 - t0;
                        }
                    }
                    synchronized (latencies) {
                        latencies.add(Arrays.copyOf(lat, n));
                        counts[id] = n;
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "append-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("An append failed", failures.get(0));
        }
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        long total = Arrays.stream(counts).sum();
        return new Rate(total, seconds, percentile(all, 0.50), percentile(all, 0.99));
    }

    interface Appender {
        void append(long i, int thread) throws SQLException;
    }

    /** What AuditTrail.record does through JPA, statement for statement. */
    static final class ChainAppender implements Appender {
        final PreparedStatement lock;
        final PreparedStatement insert;
        final PreparedStatement advance;

        ChainAppender(Connection c) throws SQLException {
            lock = c.prepareStatement("select last_seq, last_hash from audit_head where id = 1 for update");
            insert = c.prepareStatement(String.format(INSERT, "audit_record"));
            advance = c.prepareStatement("update audit_head set last_seq = ?, last_hash = ? where id = 1");
        }

        @Override
        public void append(long i, int thread) throws SQLException {
            long seq;
            String prev;
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                seq = rs.getLong(1) + 1;
                prev = rs.getString(2).strip();
            }
            AuditRecord r = sample(seq, i, thread, prev);
            bind(insert, r);
            insert.executeUpdate();
            advance.setLong(1, r.getSeq());
            advance.setString(2, r.getHash());
            advance.executeUpdate();
        }
    }

    /** The ceiling: the same row, no hash computed, no head read or written. */
    static final class PlainAppender implements Appender {
        final PreparedStatement insert;
        final AtomicLong seq;

        PlainAppender(Connection c, AtomicLong seq) throws SQLException {
            this.insert = c.prepareStatement(String.format(INSERT, "bench_plain"));
            this.seq = seq;
        }

        @Override
        public void append(long i, int thread) throws SQLException {
            long s = seq.incrementAndGet();
            insert.setLong(1, s);
            insert.setObject(2, OffsetDateTime.ofInstant(Instant.now().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC));
            insert.setString(3, "researcher" + (i % 50));
            insert.setString(4, "researcher");
            insert.setString(5, ACTIONS[(int) (i % ACTIONS.length)]);
            insert.setString(6, "application");
            insert.setString(7, String.format(Locale.ROOT, "NIP-2026-%06d", i % 5000));
            insert.setString(8, "10.0.0." + thread);
            insert.setString(9, "SUBMITTED -> UNDER_REVIEW: screened, complete, no conflicts declared (" + i + ")");
            insert.setString(10, AuditRecord.GENESIS_HASH);
            insert.setString(11, AuditRecord.GENESIS_HASH);
            insert.executeUpdate();
        }
    }

    static final String[] ACTIONS = {"application.create", "application.save-draft", "application.submit",
        "application.screen", "application.approve", "audit.search"};

    /** A realistic record; the same shape the plain ceiling inserts. */
    static AuditRecord sample(long seq, long i, int thread, String prev) {
        return new AuditRecord(seq, Instant.now().truncatedTo(ChronoUnit.MILLIS), "researcher" + (i % 50), "researcher",
                ACTIONS[(int) (i % ACTIONS.length)], "application", String.format(Locale.ROOT, "NIP-2026-%06d", i % 5000),
                "10.0.0." + thread, "SUBMITTED -> UNDER_REVIEW: screened, complete, no conflicts declared (" + i + ")",
                prev);
    }

    static void bind(PreparedStatement ps, AuditRecord r) throws SQLException {
        ps.setLong(1, r.getSeq());
        ps.setObject(2, OffsetDateTime.ofInstant(r.getAt(), ZoneOffset.UTC));
        ps.setString(3, r.getActor());
        ps.setString(4, r.getRole());
        ps.setString(5, r.getAction());
        ps.setString(6, r.getObjectType());
        ps.setString(7, r.getObjectId());
        ps.setString(8, r.getOrigin());
        ps.setString(9, r.getDetail());
        ps.setString(10, r.getPrevHash());
        ps.setString(11, r.getHash());
    }

    // --- loading and walking the chain -------------------------------------------------------------

    /** Extends the chain to {@code target} records: same hashing, batched, 10,000 per transaction. */
    void fill(DataSource ds, long from, long target) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            String prev;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select last_hash from audit_head where id = 1 for update")) {
                rs.next();
                prev = rs.getString(1).strip();
            }
            try (PreparedStatement insert = c.prepareStatement(String.format(INSERT, "audit_record"));
                    PreparedStatement advance = c.prepareStatement(
                            "update audit_head set last_seq = ?, last_hash = ? where id = 1")) {
                for (long seq = from + 1; seq <= target; seq++) {
                    AuditRecord r = sample(seq, seq, (int) (seq % 4), prev);
                    bind(insert, r);
                    insert.addBatch();
                    prev = r.getHash();
                    if (seq % 1000 == 0 || seq == target) {
                        insert.executeBatch();
                    }
                    if (seq % 10_000 == 0 || seq == target) {
                        advance.setLong(1, seq);
                        advance.setString(2, prev);
                        advance.executeUpdate();
                        c.commit();
                    }
                }
            }
        }
    }

    record Scan(long rows, double seconds, String liveHeap, ChainVerification result) {
        String row(String what, Scan ceiling) {
            return String.format(Locale.ROOT, "| %s | %,d | %.1f | %,.0f | %s | %s |", what, rows, seconds,
                    rows / seconds, liveHeap, this == ceiling ? "1.00"
                            : String.format(Locale.ROOT, "%.2f", ceiling.seconds / seconds));
        }
    }

    /** Streams audit_record in sequence order, 1,000 rows per fetch, as AuditTrail.verify does. */
    Scan scan(DataSource ds, boolean verify) throws Exception {
        HeapSampler heap = new HeapSampler();
        heap.start();
        long t0 = System.nanoTime();
        long rows;
        ChainVerification result = null;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false); // PostgreSQL only streams with a cursor inside a transaction
            long headSeq;
            String headHash;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select last_seq, last_hash from audit_head where id = 1")) {
                rs.next();
                headSeq = rs.getLong(1);
                headHash = rs.getString(2).strip();
            }
            try (PreparedStatement ps = c.prepareStatement(SELECT)) {
                ps.setFetchSize(AuditTrail.PAGE);
                try (ResultSet rs = ps.executeQuery()) {
                    RowIterator it = new RowIterator(rs);
                    if (verify) {
                        result = ChainVerification.of(it, headSeq, headHash);
                        rows = result.recordsChecked();
                    } else {
                        rows = it.drain();
                    }
                }
            }
            c.commit();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        heap.finish();
        return new Scan(rows, seconds, heap.describe() + " (" + heap.collections + " GCs)", result);
    }

    /** Rows as stored records, read one at a time: nothing is kept once the walk has moved past it. */
    static final class RowIterator implements Iterator<AuditRecord> {
        final ResultSet rs;
        Boolean ready;

        RowIterator(ResultSet rs) {
            this.rs = rs;
        }

        @Override
        public boolean hasNext() {
            if (ready == null) {
                try {
                    ready = rs.next();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            return ready;
        }

        @Override
        public AuditRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ready = null;
            try {
                return AuditRecord.stored(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getString(10).strip(), rs.getString(11).strip());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The ceiling: fetch every column of every row, build nothing, hash nothing. */
        long drain() throws SQLException {
            long n = 0;
            long sink = 0;
            while (rs.next()) {
                sink += rs.getLong(1);
                Object at = rs.getObject(2, OffsetDateTime.class);
                for (int col = 3; col <= 11; col++) {
                    String v = rs.getString(col);
                    sink += v == null ? 0 : v.length();
                }
                sink += at.hashCode();
                n++;
            }
            if (sink == 42) {
                System.out.print("");
            }
            return n;
        }
    }

    /**
     * The live heap: what the heap holds right after each garbage collection during the walk (the
     * highest of those), against what it held after a full collection just before it. Garbage
     * awaiting collection is not counted, so this is what the walk keeps, not what it churns.
     */
    static final class HeapSampler implements javax.management.NotificationListener {
        final long before;
        volatile long peakAfterGc;
        volatile int collections;

        HeapSampler() {
            System.gc();
            before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            peakAfterGc = before;
        }

        void start() {
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) gc).addNotificationListener(this, null, null);
            }
        }

        @Override
        public void handleNotification(javax.management.Notification n, Object handback) {
            if (!n.getType().equals(com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                return;
            }
            var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                    (javax.management.openmbean.CompositeData) n.getUserData());
            long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                    .mapToLong(java.lang.management.MemoryUsage::getUsed).sum();
            peakAfterGc = Math.max(peakAfterGc, used);
            collections++;
        }

        void finish() throws Exception {
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) gc).removeNotificationListener(this);
            }
        }

        String describe() {
            return String.format(Locale.ROOT, "%.0f → %.0f", before / 1048576.0, peakAfterGc / 1048576.0);
        }
    }

    // --- helpers -------------------------------------------------------------------------------------

    static long maxSeq(DataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select coalesce(max(seq), 0) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String setting(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        return sortedNanos[(int) Math.min(sortedNanos.length - 1, Math.floor(p * sortedNanos.length))] / 1e6;
    }

    void section(String title) {
        line("");
        line("## " + title);
    }

    void line(String text) {
        System.out.println(text);
        System.out.flush();
        report.add(text);
    }

    static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.split(":", 2)[1].strip())
                    .orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    static String memTotal() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            return lines.filter(l -> l.startsWith("MemTotal")).findFirst()
                    .map(l -> String.format(Locale.ROOT, "%.0f GiB",
                            Long.parseLong(l.replaceAll("\\D", "")) / 1048576.0))
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Enough of a DataSource for Flyway and the benchmark: a new driver connection each time. */
    static final class SimpleDataSource implements DataSource {
        final String url;
        final String user;
        final String password;

        SimpleDataSource(String url, String user, String password) {
            this.url = url;
            this.user = user;
            this.password = password;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public Connection getConnection(String u, String p) throws SQLException {
            return DriverManager.getConnection(url, u, p);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
