package dev.kwam.multijvm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The node processes of one test. {@link #close()} kills every one still alive (SIGKILL) and waits
 * for it, so a failing test never leaves a node behind holding ports; it also prints each node's
 * log tail, which surefire keeps beside the test report.
 */
final class Fleet implements AutoCloseable {
    private final List<NodeProcess> nodes = new ArrayList<>();

    NodeProcess add(NodeProcess node) {
        nodes.add(node);
        return node;
    }

    String logs() {
        StringBuilder s = new StringBuilder();
        for (NodeProcess node : nodes) {
            s.append("\n----- ").append(node.name).append(" (").append(node.log).append(") -----\n").append(node.tail(40));
        }
        return s.toString();
    }

    @Override
    public void close() throws InterruptedException {
        for (NodeProcess node : nodes) {
            if (node.process.isAlive()) {
                node.process.destroyForcibly();
            }
        }
        for (NodeProcess node : nodes) {
            if (!node.process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("node " + node.name + " (pid " + node.process.pid() + ") survived SIGKILL");
            }
        }
        System.out.println(logs());
    }
}
