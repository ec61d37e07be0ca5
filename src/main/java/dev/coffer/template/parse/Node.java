package dev.coffer.template.parse;

import dev.coffer.template.gofmt.GoQuote;
import java.util.List;

/**
 * The parse tree of a template, mirroring Go's {@code text/template/parse} nodes.
 * Every node is immutable; {@code pos} is the byte offset in the source text, used for error positions.
 * {@link #toString()} renders the node the way Go does in {@code at <...>} error contexts.
 */
public sealed interface Node {
    int pos();

    /** Plain text between actions; {@code utf8} is precomputed because execution writes bytes. */
    record Text(int pos, String text, byte[] utf8) implements Node {
        @Override
        public String toString() {
            return text;
        }
    }

    /** A sequence of nodes: the body of a template or of a control structure. */
    record ListNode(int pos, List<Node> nodes) implements Node {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            nodes.forEach(sb::append);
            return sb.toString();
        }
    }

    /** {@code {{pipeline}}}: evaluates the pipeline and prints it unless it declares variables. */
    record Action(int pos, int line, Pipe pipe) implements Node {
        @Override
        public String toString() {
            return "{{" + pipe + "}}";
        }
    }

    enum BranchKind { IF, RANGE, WITH }

    /** if / range / with, each with an optional else list (an {@code else if} is a nested branch there). */
    record Branch(int pos, int line, BranchKind kind, Pipe pipe, ListNode list, ListNode elseList) implements Node {
        @Override
        public String toString() {
            String name = kind.name().toLowerCase();
            String s = "{{" + name + " " + pipe + "}}" + list;
            if (elseList != null) {
                s += "{{else}}" + elseList;
            }
            return s + "{{end}}";
        }
    }

    /** {@code {{template "name" pipeline}}}; pipe may be null. */
    record TemplateCall(int pos, int line, String name, Pipe pipe) implements Node {
        @Override
        public String toString() {
            return pipe == null ? "{{template " + GoQuote.quote(name) + "}}"
                    : "{{template " + GoQuote.quote(name) + " " + pipe + "}}";
        }
    }

    record Break(int pos, int line) implements Node {
        @Override
        public String toString() {
            return "{{break}}";
        }
    }

    record Continue(int pos, int line) implements Node {
        @Override
        public String toString() {
            return "{{continue}}";
        }
    }

    /** A pipeline, optionally declaring ({@code :=}) or assigning ({@code =}) variables. */
    record Pipe(int pos, int line, boolean isAssign, List<Variable> decl, List<Command> cmds) implements Node {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            if (!decl.isEmpty()) {
                for (int i = 0; i < decl.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    sb.append(decl.get(i));
                }
                sb.append(isAssign ? " = " : " := ");
            }
            for (int i = 0; i < cmds.size(); i++) {
                if (i > 0) {
                    sb.append(" | ");
                }
                sb.append(cmds.get(i));
            }
            return sb.toString();
        }
    }

    /** One stage of a pipeline: a function, field or operand followed by arguments. */
    record Command(int pos, List<Node> args) implements Node {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                Node arg = args.get(i);
                if (arg instanceof Pipe) {
                    sb.append('(').append(arg).append(')');
                } else {
                    sb.append(arg);
                }
            }
            return sb.toString();
        }
    }

    /** {@code .a.b}: field (map key) chain starting at dot. */
    record Field(int pos, List<String> idents) implements Node {
        @Override
        public String toString() {
            return "." + String.join(".", idents);
        }
    }

    /** {@code $x.a.b}: a variable followed by an optional field chain; idents.get(0) is the variable name. */
    record Variable(int pos, List<String> idents) implements Node {
        public String name() {
            return idents.get(0);
        }

        @Override
        public String toString() {
            return String.join(".", idents);
        }
    }

    /** {@code (pipeline).a.b} or {@code term.a}: fields applied to another operand. */
    record Chain(int pos, Node node, List<String> fields) implements Node {
        @Override
        public String toString() {
            String base = node instanceof Pipe ? "(" + node + ")" : node.toString();
            return base + "." + String.join(".", fields);
        }
    }

    /** A function name. */
    record Identifier(int pos, String name) implements Node {
        @Override
        public String toString() {
            return name;
        }
    }

    record Dot(int pos) implements Node {
        @Override
        public String toString() {
            return ".";
        }
    }

    record Nil(int pos) implements Node {
        @Override
        public String toString() {
            return "nil";
        }
    }

    record Bool(int pos, boolean value) implements Node {
        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    record StringLit(int pos, String quoted, String value) implements Node {
        @Override
        public String toString() {
            return quoted;
        }
    }

    /**
     * A numeric constant. Like Go, one literal may be usable as several kinds ({@code 3.0} is both an
     * integer and a float); {@code text} keeps the source so untyped-constant rules can be applied.
     */
    record Number(int pos, String text, boolean isInt, long intValue, boolean isFloat, double floatValue,
                  boolean isChar) implements Node {
        @Override
        public String toString() {
            return text;
        }
    }
}
