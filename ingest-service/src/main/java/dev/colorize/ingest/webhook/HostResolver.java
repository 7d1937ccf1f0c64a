package dev.colorize.ingest.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Looks a host name up; the system's DNS in the service, a scripted answer in tests of DNS rebinding. */
@FunctionalInterface
interface HostResolver {

    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
