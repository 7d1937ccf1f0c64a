package dev.colorize.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded stack until stopped (Ctrl-C or SIGTERM), printing its endpoints and writing them
 * to DATA/endpoints.env so that services and scripts can source them.
 *
 * <pre>java -cp ... dev.colorize.stack.StackMain [--data DIR]   (default: .colorize-data)</pre>
 */
public final class StackMain {

    private StackMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path data = Path.of(".colorize-data");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(value(args, ++i, "--data"));
                case "--help", "-h" -> {
                    System.out.println("usage: StackMain [--data DIR]   starts Kafka, PostgreSQL and S3 until Ctrl-C");
                    return;
                }
                default -> fail("unknown argument " + args[i] + " (try --help)");
            }
        }
        long begin = System.nanoTime();
        EmbeddedStack stack = EmbeddedStack.start(StackOptions.persistent(data));
        long millis = (System.nanoTime() - begin) / 1_000_000;

        StringBuilder env = new StringBuilder();
        for (Map.Entry<String, String> e : stack.endpoints().asEnvironment().entrySet()) {
            env.append("export ").append(e.getKey()).append("='").append(e.getValue()).append("'\n");
        }
        Path envFile = stack.dataDir().resolve("endpoints.env");
        Files.writeString(envFile, env);

        System.out.println("Embedded stack up in " + millis + " ms; data in " + stack.dataDir());
        System.out.print(env);
        System.out.println("(also written to " + envFile + "; Ctrl-C stops everything)");
        System.out.flush();

        // The stack's shutdown hook stops the servers; this thread only has to stay alive until then.
        new CountDownLatch(1).await();
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            fail(flag + " needs a value");
        }
        return args[i];
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
