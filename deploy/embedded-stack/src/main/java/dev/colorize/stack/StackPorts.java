package dev.colorize.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The ports of a stack, kept in its data folder so that a restarted local stack answers where it did
 * before (services and users keep their URLs); a port taken meanwhile is replaced by a free one.
 */
record StackPorts(int kafka, int kafkaController, int postgres, int s3) {

    private static final String FILE = "ports.properties";

    static StackPorts reuseOrPick(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        Properties saved = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                saved.load(in);
            }
        }
        StackPorts ports = new StackPorts(
                reuseOrPick(saved, "kafka"),
                reuseOrPick(saved, "kafka.controller"),
                reuseOrPick(saved, "postgres"),
                reuseOrPick(saved, "s3"));
        Properties out = new Properties();
        out.setProperty("kafka", Integer.toString(ports.kafka));
        out.setProperty("kafka.controller", Integer.toString(ports.kafkaController));
        out.setProperty("postgres", Integer.toString(ports.postgres));
        out.setProperty("s3", Integer.toString(ports.s3));
        Files.createDirectories(dataDir);
        try (Writer writer = Files.newBufferedWriter(file)) {
            out.store(writer, "ports of the embedded stack; reused on restart when still free");
        }
        return ports;
    }

    private static int reuseOrPick(Properties saved, String key) {
        String value = saved.getProperty(key);
        if (value != null) {
            int port = Integer.parseInt(value);
            if (FreePorts.isFree(port)) {
                return port;
            }
        }
        return FreePorts.pick();
    }
}
