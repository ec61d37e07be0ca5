package dev.coffer.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;

/**
 * The single entry point of the artifact. With no arguments, or {@code operator}, it runs the
 * operator against the cluster of the current kubeconfig or in-cluster config. {@code embedded}
 * runs the operator against an in-process Kubernetes API. Every other command is short-lived:
 * it runs before (and without) Quarkus, so it starts fast and needs no cluster.
 */
@QuarkusMain
public final class Main {

    private Main() {
    }

    public static void main(String... args) {
        if (args.length == 0 || "operator".equals(args[0])) {
            Quarkus.run(stripFirst(args, "operator"));
            return;
        }
        int code = run(args);
        System.exit(code);
    }

    /** Runs a short-lived command and returns its exit code. */
    public static int run(String... args) {
        return Commands.commandLine().execute(args);
    }

    /** Runs a short-lived command with its output and errors sent to the given writers (tests). */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = Commands.commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    private static String[] stripFirst(String[] args, String word) {
        if (args.length > 0 && word.equals(args[0])) {
            String[] rest = new String[args.length - 1];
            System.arraycopy(args, 1, rest, 0, rest.length);
            return rest;
        }
        return args;
    }
}
