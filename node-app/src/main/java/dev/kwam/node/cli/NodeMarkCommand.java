package dev.kwam.node.cli;

import dev.kwam.node.client.AdminCalls;
import dev.kwam.node.client.KwamClientException;
import dev.kwam.node.grpc.v1.NodeMarkEntry;
import dev.kwam.node.grpc.v1.NodeMarks;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kwam node cordon NAME} and {@code kwam node uncordon NAME}: both need {@code cordon}, both are audited. */
abstract class NodeMarkCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "The node's name, as kwam client status lists it.")
    String name;

    @Mixin
    NodeConnection connection;

    @Mixin
    ReportOutput output;

    abstract NodeMarks change(AdminCalls admin) throws KwamClientException;

    abstract String verb();

    @Override
    public Integer call() throws CliException {
        NodeMarks marks = connection.ask(client -> change(client.admin()), "cannot " + verb() + " " + name);
        return output.show(marks, AdminJson::marks, NodeMarkCommand::print);
    }

    static void print(NodeMarks marks, PrintWriter out) {
        if (marks.getMarksCount() == 0) {
            out.println("every node is in service (no marks)");
            return;
        }
        out.printf("%-16s %-9s %-25s %s%n", "NODE", "MARK", "SINCE", "BY");
        for (NodeMarkEntry m : marks.getMarksList()) {
            out.printf("%-16s %-9s %-25s %s%n", m.getNode(), m.getState(), m.getSince(), m.getBy());
        }
    }

    @Command(name = "cordon",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {"Stop new fragments landing on node NAME: protects and repairs place elsewhere; what it holds stays and is "
                    + "served. Needs 'cordon'. Prints every node's mark after the change."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:cordoned", "1:refused, or no such node", "2:usage error, node unreachable"})
    static final class Cordon extends NodeMarkCommand {
        @Override
        NodeMarks change(AdminCalls admin) throws KwamClientException {
            return admin.cordon(name);
        }

        @Override
        String verb() {
            return "cordon";
        }
    }

    @Command(name = "uncordon",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {"Put node NAME back in service: new fragments land there again. Clears any mark: a drain under way stops "
                    + "(what moved stays moved). Needs 'cordon'."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:back in service", "1:refused, or no such node", "2:usage error, node unreachable"})
    static final class Uncordon extends NodeMarkCommand {
        @Override
        NodeMarks change(AdminCalls admin) throws KwamClientException {
            return admin.uncordon(name);
        }

        @Override
        String verb() {
            return "uncordon";
        }
    }
}
