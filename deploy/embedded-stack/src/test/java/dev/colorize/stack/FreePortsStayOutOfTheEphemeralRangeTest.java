package dev.colorize.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsStayOutOfTheEphemeralRangeTest {

    @Test
    void picksAreDistinctBindableAndBelowThePortsTheKernelHandsOut() throws Exception {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        int ephemeralLow = Files.exists(range) ? Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]) : 32768;
        Set<Integer> picked = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            int port = FreePorts.pick();
            assertThat(port).isGreaterThanOrEqualTo(1024).isLessThan(ephemeralLow);
            assertThat(picked.add(port)).as("port %d picked twice", port).isTrue();
        }
        try (ServerSocket bound = new ServerSocket(picked.iterator().next(), 1, InetAddress.getLoopbackAddress())) {
            assertThat(bound.isBound()).isTrue();
        }
    }
}
