package dev.coffer.template.exec;

import dev.coffer.template.funcs.FunctionException;
import dev.coffer.template.funcs.FunctionRegistry;
import dev.coffer.template.funcs.ParamType;
import dev.coffer.template.funcs.TemplateFunction;
import dev.coffer.template.gofmt.GoFormatter;
import dev.coffer.template.gofmt.GoQuote;
import dev.coffer.template.parse.Node;
import dev.coffer.template.parse.Position;
import dev.coffer.template.parse.Tree;
import dev.coffer.template.value.GoValues;
import dev.coffer.template.value.TemplateObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Walks a parse tree against data, following Go's text/template exec.go: pipelines feed the
 * previous result as the last argument, variables are scoped to control structures, range sorts
 * map keys, and errors carry Go's position and context. One Executor serves one execution.
 */
public final class Executor {
    /** Go's limit on nested {{template}} calls. */
    private static final int MAX_DEPTH = 100000;
    /** No value yet: the "final" argument of the first command in a pipeline. */
    private static final Object MISSING = new Object();

    private final Map<String, Tree> trees;
    private final FunctionRegistry funcs;
    private final boolean missingKeyIsError;
    private final Output out = new Output();
    private Variables vars = new Variables();
    private Tree tree;
    private Node node;
    private int depth;

    private Executor(Map<String, Tree> trees, FunctionRegistry funcs, boolean missingKeyIsError) {
        this.trees = trees;
        this.funcs = funcs;
        this.missingKeyIsError = missingKeyIsError;
    }

    /** Runs template {@code name} of the set with {@code data} as dot and {@code $}; returns the bytes written. */
    public static byte[] execute(Map<String, Tree> trees, String name, FunctionRegistry funcs, Object data,
                                 boolean missingKeyIsError) {
        Executor ex = new Executor(trees, funcs, missingKeyIsError);
        Tree t = trees.get(name);
        ex.tree = t;
        ex.node = t.root();
        ex.vars.push("$", data);
        try {
            ex.walk(data, t.root());
        } catch (StackOverflowError e) {
            throw ex.error("exceeded maximum template depth (" + MAX_DEPTH + ")");
        }
        return ex.out.toBytes();
    }

    // ---- errors ------------------------------------------------------------------------------

    /** An error whose message the engine composes from template text, names and types, never data. */
    private ExecError error(String message) {
        return error(message, "");
    }

    /** An error whose {@code dataPart} may derive from data (callers redact it); {@code fixedPart} never does. */
    private ExecError error(String fixedPart, String dataPart) {
        int pos = node.pos();
        String location = tree.source().location(pos);
        String msg = "template: " + location + ": executing " + GoQuote.quote(tree.name()) + " at <" + node + ">: "
                + fixedPart + dataPart;
        return new ExecError(msg, dataPart, new Position(tree.source().parseName(), tree.source().line(pos),
                tree.source().column(pos)));
    }

    private void at(Node n) {
        node = n;
    }

    private static String q(String s) {
        return GoQuote.quote(s);
    }

    // ---- statements ----------------------------------------------------------------------------

    private void walk(Object dot, Node n) {
        at(n);
        if (n instanceof Node.Text t) {
            out.write(t.utf8());
        } else if (n instanceof Node.ListNode l) {
            for (Node child : l.nodes()) {
                walk(dot, child);
            }
        } else if (n instanceof Node.Action a) {
            Object val = evalPipeline(dot, a.pipe());
            if (a.pipe().decl().isEmpty()) {
                printValue(a, val);
            }
        } else if (n instanceof Node.Branch b) {
            if (b.kind() == Node.BranchKind.RANGE) {
                walkRange(dot, b);
            } else {
                walkIfOrWith(dot, b);
            }
        } else if (n instanceof Node.TemplateCall t) {
            walkTemplate(dot, t);
        } else if (n instanceof Node.Break) {
            throw LoopSignal.BREAK;
        } else if (n instanceof Node.Continue) {
            throw LoopSignal.CONTINUE;
        } else {
            throw error("unknown node: " + n);
        }
    }

    private void walkIfOrWith(Object dot, Node.Branch b) {
        int mark = vars.mark();
        try {
            Object val = evalPipeline(dot, b.pipe());
            if (GoValues.isTrue(val)) {
                walk(b.kind() == Node.BranchKind.WITH ? val : dot, b.list());
            } else if (b.elseList() != null) {
                walk(dot, b.elseList());
            }
        } finally {
            vars.pop(mark);
        }
    }

    private void walkRange(Object dot, Node.Branch r) {
        at(r);
        int outer = vars.mark();
        try {
            Object val = evalPipeline(dot, r.pipe());
            int mark = vars.mark();
            boolean ran = false;
            try {
                if (GoValues.isList(val)) {
                    List<Object> list = GoValues.list(val);
                    for (int i = 0; i < list.size(); i++) {
                        ran = true;
                        oneIteration(r, (long) i, list.get(i), mark);
                    }
                } else if (val instanceof Map<?, ?> m) {
                    List<String> keys = sortedKeys(m);
                    for (String k : keys) {
                        ran = true;
                        oneIteration(r, k, m.get(k), mark);
                    }
                } else if (GoValues.isInt(val)) {
                    if (r.pipe().decl().size() > 1) {
                        at(r);
                        throw error("can't use " + GoValues.typeName(val) + " to iterate over more than one variable");
                    }
                    long n = GoValues.toLong(val);
                    for (long i = 0; i < n; i++) {
                        ran = true;
                        oneIteration(r, null, i, mark);
                    }
                } else if (val != null) {
                    at(r);
                    throw error("range can't iterate over value of type " + GoValues.typeName(val));
                }
            } catch (LoopSignal s) {
                if (s != LoopSignal.BREAK) {
                    throw s;
                }
                return;
            }
            if (!ran && r.elseList() != null) {
                walk(dot, r.elseList());
            }
        } finally {
            vars.pop(outer);
        }
    }

    private void oneIteration(Node.Branch r, Object index, Object elem, int mark) {
        List<Node.Variable> decl = r.pipe().decl();
        if (!decl.isEmpty()) {
            if (r.pipe().isAssign()) {
                assign(decl.get(0).name(), decl.size() > 1 ? index : elem);
            } else {
                vars.setTop(1, elem);
            }
        }
        if (decl.size() > 1) {
            if (r.pipe().isAssign()) {
                assign(decl.get(1).name(), elem);
            } else {
                vars.setTop(2, index);
            }
        }
        try {
            walk(elem, r.list());
        } catch (LoopSignal s) {
            if (s != LoopSignal.CONTINUE) {
                throw s;
            }
        } finally {
            vars.pop(mark);
        }
    }

    static List<String> sortedKeys(Map<?, ?> m) {
        List<String> keys = new ArrayList<>(m.size());
        for (Object k : m.keySet()) {
            keys.add((String) k);
        }
        keys.sort(null);
        return keys;
    }

    private void walkTemplate(Object dot, Node.TemplateCall t) {
        at(t);
        Tree target = trees.get(t.name());
        if (target == null) {
            throw error("template " + q(t.name()) + " not defined");
        }
        if (depth >= MAX_DEPTH) {
            throw error("exceeded maximum template depth (" + MAX_DEPTH + ")");
        }
        Object newDot = t.pipe() == null ? null : evalPipeline(dot, t.pipe());
        Variables savedVars = vars;
        Tree savedTree = tree;
        vars = new Variables();
        vars.push("$", newDot);
        tree = target;
        depth++;
        try {
            walk(newDot, target.root());
        } finally {
            depth--;
            tree = savedTree;
            vars = savedVars;
        }
    }

    private void printValue(Node n, Object val) {
        at(n);
        if (val == null) {
            out.write("<no value>");
        } else if (val instanceof String s) {
            out.write(s);
        } else if (val instanceof byte[] b) {
            out.write(b);
        } else {
            out.write(GoFormatter.toString(val));
        }
    }

    // ---- pipelines and commands ------------------------------------------------------------------

    private Object evalPipeline(Object dot, Node.Pipe pipe) {
        if (pipe == null) {
            return null;
        }
        at(pipe);
        Object value = MISSING;
        for (Node.Command cmd : pipe.cmds()) {
            value = evalCommand(dot, cmd, value);
        }
        for (Node.Variable v : pipe.decl()) {
            if (pipe.isAssign()) {
                assign(v.name(), value);
            } else {
                vars.push(v.name(), value);
            }
        }
        return value;
    }

    private void assign(String name, Object value) {
        if (!vars.set(name, value)) {
            throw error("undefined variable: " + name);
        }
    }

    private Object evalCommand(Object dot, Node.Command cmd, Object last) {
        Node first = cmd.args().get(0);
        if (first instanceof Node.Field f) {
            return evalFieldNode(dot, f, cmd.args(), last);
        }
        if (first instanceof Node.Chain c) {
            return evalChainNode(dot, c, cmd.args(), last);
        }
        if (first instanceof Node.Identifier id) {
            return evalFunction(dot, id, cmd, cmd.args(), last);
        }
        if (first instanceof Node.Pipe p) {
            notAFunction(cmd.args(), last);
            return evalPipeline(dot, p);
        }
        if (first instanceof Node.Variable v) {
            return evalVariableNode(dot, v, cmd.args(), last);
        }
        at(first);
        notAFunction(cmd.args(), last);
        if (first instanceof Node.Bool b) {
            return b.value();
        }
        if (first instanceof Node.Dot) {
            return dot;
        }
        if (first instanceof Node.Nil) {
            throw error("nil is not a command");
        }
        if (first instanceof Node.Number num) {
            return idealConstant(num);
        }
        if (first instanceof Node.StringLit s) {
            return s.value();
        }
        throw error("can't evaluate command " + q(first.toString()));
    }

    private void notAFunction(List<Node> args, Object last) {
        if (args.size() > 1 || last != MISSING) {
            throw error("can't give argument to non-function " + args.get(0));
        }
    }

    /** Go's rules for an untyped constant passed where any type is accepted. */
    private Object idealConstant(Node.Number n) {
        at(n);
        if (n.isChar()) {
            return n.intValue();
        }
        String text = n.text();
        boolean hexInt = text.length() > 2 && text.charAt(0) == '0' && (text.charAt(1) == 'x' || text.charAt(1) == 'X')
                && text.indexOf('p') < 0 && text.indexOf('P') < 0;
        if (n.isFloat() && !hexInt && containsAny(text, ".eEpP")) {
            return n.floatValue();
        }
        if (n.isInt()) {
            return n.intValue();
        }
        throw error(text + " overflows int");
    }

    private static boolean containsAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    // ---- fields ----------------------------------------------------------------------------------

    private Object evalFieldNode(Object dot, Node.Field field, List<Node> args, Object last) {
        at(field);
        return evalFieldChain(dot, field.idents(), 0, args, last, false);
    }

    private Object evalChainNode(Object dot, Node.Chain chain, List<Node> args, Object last) {
        at(chain);
        if (chain.node() instanceof Node.Nil) {
            throw error("indirection through explicit nil in " + chain);
        }
        Object base = evalArg(dot, null, chain.node());
        at(chain);
        return evalFieldChain(base, chain.fields(), 0, args, last, false);
    }

    private Object evalVariableNode(Object dot, Node.Variable v, List<Node> args, Object last) {
        at(v);
        if (!vars.has(v.name())) {
            throw error("undefined variable: " + v.name());
        }
        Object value = vars.get(v.name());
        if (v.idents().size() == 1) {
            notAFunction(args, last);
            return value;
        }
        return evalFieldChain(value, v.idents(), 1, args, last, false);
    }

    /** Applies fields idents[from..] to receiver; only the last one sees the arguments. */
    private Object evalFieldChain(Object receiver, List<String> idents, int from, List<Node> args, Object last,
                                  boolean fromMap) {
        Object r = receiver;
        boolean viaMap = fromMap;
        int n = idents.size();
        for (int i = from; i < n; i++) {
            boolean isLast = i == n - 1;
            boolean hasArgs = isLast && (args.size() > 1 || last != MISSING);
            String name = idents.get(i);
            if (r == null) {
                if (viaMap) {
                    throw error("nil pointer evaluating interface {}." + name);
                }
                if (missingKeyIsError) {
                    throw error("nil data; no entry for key " + q(name));
                }
                return null;
            }
            if (r instanceof Map<?, ?> m) {
                if (hasArgs) {
                    throw error(name + " is not a method but has arguments");
                }
                Object v = m.get(name);
                if (v == null && !m.containsKey(name)) {
                    if (missingKeyIsError) {
                        throw error("map has no entry for key " + q(name));
                    }
                    return null; // Go's default: the missing value, printed as <no value>
                }
                r = v;
                viaMap = true;
            } else if (r instanceof TemplateObject o) {
                Object v = o.field(name);
                if (v == TemplateObject.NO_FIELD) {
                    throw error("can't evaluate field " + name + " in type " + o.goTypeName());
                }
                if (hasArgs) {
                    throw error(name + " is not a method but has arguments");
                }
                r = v;
                viaMap = false;
            } else {
                throw error("can't evaluate field " + name + " in type " + GoValues.typeName(r));
            }
        }
        return r;
    }

    // ---- function calls ----------------------------------------------------------------------------

    private Object evalFunction(Object dot, Node.Identifier id, Node cmd, List<Node> args, Object last) {
        at(id);
        TemplateFunction fn = funcs.get(id.name());
        if (fn == null) {
            throw error(q(id.name()) + " is not a defined function");
        }
        return evalCall(dot, fn, cmd, args, last);
    }

    private Object evalCall(Object dot, TemplateFunction fn, Node callNode, List<Node> args, Object last) {
        String name = fn.name();
        List<Node> argNodes = args.subList(1, args.size());
        int numIn = argNodes.size() + (last != MISSING ? 1 : 0);
        if (fn.variadic()) {
            if (numIn < fn.fixedParams()) {
                throw error("wrong number of args for " + name + ": want at least " + fn.fixedParams() + " got " + numIn);
            }
        } else if (numIn != fn.params().size()) {
            throw error("wrong number of args for " + name + ": want " + fn.params().size() + " got " + numIn);
        }
        if (fn.evaluation() != TemplateFunction.Evaluation.EAGER) {
            return shortCircuit(dot, fn, argNodes, last);
        }
        Object[] argv = new Object[numIn];
        for (int i = 0; i < argNodes.size(); i++) {
            argv[i] = evalArg(dot, fn.paramAt(i), argNodes.get(i));
        }
        if (last != MISSING) {
            at(callNode);
            argv[numIn - 1] = validateType(last, fn.paramAt(numIn - 1));
        }
        try {
            return fn.body().call(argv);
        } catch (ExecError | LoopSignal e) {
            throw e;
        } catch (FunctionException e) {
            at(callNode);
            throw error("error calling " + name + ": ", String.valueOf(e.getMessage()));
        } catch (ArithmeticException e) {
            at(callNode);
            throw error("error calling " + name + ": runtime error: integer divide by zero");
        } catch (Exception | StackOverflowError e) {
            // third-party messages may quote their input, which can be secret: name the failure only
            at(callNode);
            throw error("error calling " + name + ": " + e.getClass().getSimpleName());
        }
    }

    /** and/or: evaluate left to right, stop at the first falsy (and) or truthy (or) value. */
    private Object shortCircuit(Object dot, TemplateFunction fn, List<Node> argNodes, Object last) {
        boolean stopOn = fn.evaluation() == TemplateFunction.Evaluation.OR;
        Object v = null;
        for (Node arg : argNodes) {
            v = evalArg(dot, ParamType.ANY, arg);
            if (GoValues.isTrue(v) == stopOn) {
                return v;
            }
        }
        if (last != MISSING) {
            v = last;
        }
        return v;
    }

    private Object evalArg(Object dot, ParamType type, Node n) {
        at(n);
        if (n instanceof Node.Dot) {
            return validateType(dot, type);
        }
        if (n instanceof Node.Nil) {
            if (type == null || type.nilable()) {
                return null;
            }
            throw error("cannot assign nil to " + type.goName());
        }
        if (n instanceof Node.Field f) {
            return validateType(evalFieldNode(dot, f, List.of(n), MISSING), type);
        }
        if (n instanceof Node.Variable v) {
            return validateType(evalVariableNode(dot, v, List.of(n), MISSING), type);
        }
        if (n instanceof Node.Pipe p) {
            return validateType(evalPipeline(dot, p), type);
        }
        if (n instanceof Node.Identifier id) {
            return validateType(evalFunction(dot, id, id, List.of(n), MISSING), type);
        }
        if (n instanceof Node.Chain c) {
            return validateType(evalChainNode(dot, c, List.of(n), MISSING), type);
        }
        ParamType t = type == null ? ParamType.ANY : type;
        if (n instanceof Node.Bool b) {
            if (t == ParamType.BOOL || t == ParamType.ANY) {
                return b.value();
            }
        } else if (n instanceof Node.StringLit s) {
            if (t == ParamType.STRING || t == ParamType.ANY) {
                return s.value();
            }
        } else if (n instanceof Node.Number num) {
            if (t == ParamType.ANY) {
                return idealConstant(num);
            }
            if (t.isInteger()) {
                if (num.isInt()) {
                    return num.intValue();
                }
                throw error("expected integer; found " + n);
            }
            if (t == ParamType.FLOAT64) {
                if (num.isFloat()) {
                    return num.floatValue();
                }
                throw error("expected float; found " + n);
            }
        }
        switch (t) {
            case BOOL -> throw error("expected bool; found " + n);
            case STRING -> throw error("expected string; found " + n);
            case INT, INT64, UINT32 -> throw error("expected integer; found " + n);
            case FLOAT64 -> throw error("expected float; found " + n);
            default -> throw error("can't handle " + n + " for arg of type " + t.goName());
        }
    }

    /** Checks a computed value against a parameter type, as Go's validateType does. */
    private Object validateType(Object value, ParamType type) {
        if (type == null || type == ParamType.ANY) {
            return value;
        }
        if (value == null) {
            if (type.nilable()) {
                return null;
            }
            throw error("invalid value; expected " + type.goName());
        }
        boolean ok = switch (type) {
            case STRING -> GoValues.isString(value);
            case INT, INT64, UINT32 -> GoValues.isInt(value);
            case FLOAT64 -> GoValues.isFloat(value);
            case BOOL -> value instanceof Boolean;
            case MAP -> value instanceof Map;
            case LIST -> GoValues.isList(value);
            case TIME -> GoValues.isTime(value);
            default -> true;
        };
        if (!ok) {
            throw error("wrong type for value; expected " + type.goName() + "; got " + GoValues.typeName(value));
        }
        if (type.isInteger() && !(value instanceof Long)) {
            return GoValues.toLong(value);
        }
        if (type == ParamType.FLOAT64 && !(value instanceof Double)) {
            return GoValues.toDouble(value);
        }
        return value;
    }
}
