package dev.kwam.multijvm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which voter leads the Raft group, read from the nodes' own logs. The node's logback.xml keeps Ratis at WARN;
 * the nodes of a test that needs the leader run with {@link #LOGBACK} instead, which lets Ratis's
 * {@code RaftServer$Division} log its role and leader changes at INFO (a dozen lines per start and election):
 * {@code node-2@group-…: changes role from CANDIDATE to LEADER at term 3 for changeToLeader} and
 * {@code node-1@group-…: change Leader from null to node-2 at term 3 for …}.
 *
 * <p>The leader is the live voter whose latest role change made it LEADER at a term no live voter has passed:
 * a peer that saw a higher term (as candidate, or a follower of a new leader) logged it, so a deposed leader whose
 * process still runs is never taken for the current one.
 */
final class RaftRoles {
    /** The node's logback.xml plus Ratis's role changes; the rest of Ratis stays at WARN. */
    static final String LOGBACK = """
            <configuration>
              <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
                <target>System.err</target>
                <encoder><pattern>%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{36} - %msg%n</pattern></encoder>
              </appender>
              <logger name="org.apache.pekko" level="INFO"/>
              <logger name="org.apache.ratis" level="WARN"/>
              <logger name="org.apache.ratis.server.RaftServer$Division" level="INFO"/>
              <root level="INFO"><appender-ref ref="STDERR"/></root>
            </configuration>
            """;
    private static final Pattern ROLE_CHANGE = Pattern.compile("(\\S+)@group-\\S+: changes role from\\s+(\\S+) to (\\S+) at term (\\d+)");
    private static final Pattern LEADER_CHANGE = Pattern.compile("@group-\\S+: change Leader from \\S+ to \\S+ at term (\\d+)");

    private RaftRoles() {
    }

    /** A peer's last logged role and the term it took it at. */
    record Role(String peer, String role, long term) {
    }

    /** The latest role change {@code node} logged (in this life or an earlier one: the log is appended to). */
    static Optional<Role> latest(NodeProcess node) {
        String text;
        try {
            text = Files.readString(node.log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        Matcher m = ROLE_CHANGE.matcher(text);
        Role last = null;
        while (m.find()) {
            last = new Role(m.group(1), m.group(3), Long.parseLong(m.group(4)));
        }
        return Optional.ofNullable(last);
    }

    /** The highest term {@code node} logged a role or leader change at, or -1. */
    static long highestTerm(NodeProcess node) {
        String text;
        try {
            text = Files.readString(node.log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return -1;
        }
        long highest = -1;
        for (Pattern p : List.of(ROLE_CHANGE, LEADER_CHANGE)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                highest = Math.max(highest, Long.parseLong(m.group(m.groupCount())));
            }
        }
        return highest;
    }

    /** The current leader among the live {@code voters}, if the logs say one unambiguously. */
    static Optional<NodeProcess> leader(List<NodeProcess> voters) {
        NodeProcess leader = null;
        long leaderTerm = -1;
        long highest = -1;
        for (NodeProcess node : voters) {
            if (!node.process.isAlive()) {
                continue;
            }
            Optional<Role> role = latest(node);
            if (role.isEmpty()) {
                continue;
            }
            highest = Math.max(highest, highestTerm(node));
            if (role.get().role().equals("LEADER") && role.get().term() > leaderTerm) {
                if (!role.get().peer().equals(node.name)) {
                    throw new IllegalStateException(node.log + " logs role changes of peer " + role.get().peer() + ", not " + node.name);
                }
                leader = node;
                leaderTerm = role.get().term();
            }
        }
        return leader != null && leaderTerm >= highest ? Optional.of(leader) : Optional.empty();
    }

    /** The log file a node should be started with ({@code -Dlogback.configurationFile=…}). */
    static List<String> jvmOptions(Path work) throws IOException {
        Path file = work.resolve("logback-raft-roles.xml");
        if (!Files.exists(file)) {
            Files.writeString(file, LOGBACK);
        }
        return List.of("-Dlogback.configurationFile=" + file.toAbsolutePath());
    }
}
