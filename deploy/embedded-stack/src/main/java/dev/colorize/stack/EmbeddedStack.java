package dev.colorize.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real Kafka (KRaft), PostgreSQL and S3 servers on free loopback ports, with all their data under one
 * folder. Used by the local run (data kept across restarts) and by tests (a temporary folder).
 */
public final class EmbeddedStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    /** Fixed credentials: the stack only listens on loopback. */
    public static final String S3_ACCESS_KEY = "colorize";
    public static final String S3_SECRET_KEY = "colorize-secret-key";

    private final StackOptions options;
    private final DataFolderLock lock;
    private final KafkaServer kafka;
    private final PostgresServer postgres;
    private final S3Server s3;
    private final StackEndpoints endpoints;
    private final Thread shutdownHook = new Thread(this::close, "embedded-stack-shutdown");
    private volatile boolean closed;

    private EmbeddedStack(StackOptions options, DataFolderLock lock, StackPorts ports) {
        this.options = options;
        this.lock = lock;
        Path data = options.dataDir();
        this.kafka = new KafkaServer(data.resolve("kafka"), ports.kafka(), ports.kafkaController(), options.kafkaPartitions());
        this.postgres = new PostgresServer(data.resolve("postgres"), ports.postgres());
        this.s3 = new S3Server(data.resolve("s3"), ports.s3(), S3_ACCESS_KEY, S3_SECRET_KEY);
        this.endpoints = new StackEndpoints(kafka.bootstrap(), postgres.jdbcUrl(), PostgresServer.USER,
                PostgresServer.PASSWORD, s3.endpoint(), S3_ACCESS_KEY, S3_SECRET_KEY, StackEndpoints.DEFAULT_REGION);
    }

    /** Starts the three servers in parallel and returns once each one answers. */
    public static EmbeddedStack start(StackOptions options) {
        long begin = System.nanoTime();
        EmbeddedStack stack;
        try {
            DataFolderLock lock = DataFolderLock.acquire(options.dataDir());
            stack = new EmbeddedStack(options, lock, StackPorts.reuseOrPick(options.dataDir()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + options.dataDir(), e);
        }
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        try {
            CompletableFuture.allOf(
                    CompletableFuture.runAsync(stack::startKafka),
                    CompletableFuture.runAsync(() -> run(() -> stack.postgres.start(STARTUP_TIMEOUT))),
                    CompletableFuture.runAsync(() -> run(() -> stack.s3.start(STARTUP_TIMEOUT)))).join();
        } catch (CompletionException e) {
            stack.close();
            throw new IllegalStateException("The embedded stack did not start: " + e.getCause().getMessage(), e.getCause());
        }
        LOG.info("Embedded stack up in {} ms (data in {})", (System.nanoTime() - begin) / 1_000_000, options.dataDir());
        return stack;
    }

    public StackEndpoints endpoints() {
        return endpoints;
    }

    public Path dataDir() {
        return options.dataDir();
    }

    /** Stops the broker only: fault tests use it to show that work waits for Kafka and is not lost. */
    public void stopKafka() {
        kafka.stop();
    }

    /** Starts the broker again on the same port and data. */
    public void startKafka() {
        run(() -> kafka.start(STARTUP_TIMEOUT));
    }

    public boolean isKafkaRunning() {
        return kafka.isRunning();
    }

    /** Stops S3Proxy only: the fault-injection run uses it to show that work waits for the store. */
    public void stopS3() {
        s3.stop();
    }

    /** Starts S3Proxy again on the same port and data. */
    public void startS3() {
        run(() -> s3.start(STARTUP_TIMEOUT));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        kafka.stop();
        s3.stop();
        try {
            postgres.stop();
        } catch (IOException e) {
            LOG.warn("PostgreSQL did not stop cleanly", e);
        }
        try {
            lock.close();
        } catch (IOException e) {
            LOG.warn("Could not release the lock on {}", options.dataDir(), e);
        }
        if (options.deleteOnClose()) {
            deleteRecursively(options.dataDir());
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or has run; nothing to undo
            }
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void run(Step step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not delete {}", dir, e);
        }
    }
}
