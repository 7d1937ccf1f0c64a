package dev.colorize.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for servers started a moment later. They are drawn below the kernel's ephemeral range: a port
 * from that range (what binding port 0 returns) can be handed to another server's port-0 bind or to an outgoing
 * connection's local end between the pick and the bind, which made a stack start fail now and then.
 */
public final class FreePorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LINUX_EPHEMERAL_LOW = 32768;
    private static final int SPAN = 12_000;
    private static final int ATTEMPTS = 500;
    /** Never the same port twice in one JVM, even once the first server using it has stopped. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int pick() {
        int high = ephemeralLow();
        int low = Math.max(1024, high - SPAN);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(low, high);
            if (!HANDED_OUT.contains(port) && isFree(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on loopback", e);
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // readAllLines, not readString: a procfs file reports size 0 and readString has returned only its first byte
    private static int ephemeralLow() {
        try {
            int low = Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
            return low > 1024 + 1000 ? low : LINUX_EPHEMERAL_LOW;
        } catch (IOException | RuntimeException notLinux) {
            return LINUX_EPHEMERAL_LOW;
        }
    }
}
