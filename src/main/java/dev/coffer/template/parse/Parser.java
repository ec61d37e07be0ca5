package dev.coffer.template.parse;

import dev.coffer.template.parse.Token.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Recursive-descent parser for Go's text/template grammar, producing one {@link Tree} per template
 * name (the main text plus every define and block). The structure follows Go's parse package so
 * that the same inputs succeed and fail the same way; unknown functions and undeclared variables
 * are parse errors, as in Go.
 */
public final class Parser {
    private final String name;
    private final SourceText source;
    private final List<Token> tokens;
    private final Predicate<String> hasFunction;
    private final Map<String, Tree> trees;
    private int index;
    private List<String> vars = new ArrayList<>();
    private int rangeDepth;

    private Parser(String name, String text, Predicate<String> hasFunction, Map<String, Tree> trees) {
        this.name = name;
        this.source = new SourceText(name, text);
        this.tokens = Lexer.lex(text);
        this.hasFunction = hasFunction;
        this.trees = trees;
    }

    /**
     * Parses {@code text} as template {@code name}; defines and blocks inside it become further trees.
     * Trees already in {@code into} (from earlier texts of the same set) are replaced by later
     * non-empty definitions, as Go's AddParseTree does.
     */
    public static void parse(String name, String text, Predicate<String> hasFunction, Map<String, Tree> into)
            throws TemplateSyntaxException {
        SourceText source = new SourceText(name, text);
        try {
            Map<String, Tree> found = new LinkedHashMap<>();
            Parser parser = new Parser(name, text, hasFunction, found);
            parser.parseTop();
            for (Tree tree : found.values()) {
                Tree old = into.get(tree.name());
                if (old == null || !tree.isEmpty()) {
                    into.put(tree.name(), tree);
                }
            }
        } catch (ParseError e) {
            int line = source.line(e.pos);
            int col = source.column(e.pos);
            throw new TemplateSyntaxException("template: " + name + ":" + line + ":" + col + ": " + e.getMessage(),
                    name, line, col);
        }
    }

    // ---- top level -------------------------------------------------------------------------

    private void parseTop() {
        vars = new ArrayList<>(List.of("$"));
        List<Node> root = new ArrayList<>();
        int rootPos = peek().pos();
        while (peek().type() != Type.EOF) {
            if (peek().type() == Type.LEFT_DELIM) {
                int mark = index;
                next();
                if (nextNonSpace().type() == Type.DEFINE) {
                    parseDefinition();
                    continue;
                }
                index = mark;
            }
            Object n = textOrActionOrMarker();
            if (n instanceof MarkerNode m) {
                throw new ParseError(m.pos(), "unexpected " + m);
            }
            root.add((Node) n);
        }
        addTree(new Tree(name, new Node.ListNode(rootPos, List.copyOf(root)), source), rootPos);
    }

    private void parseDefinition() {
        String context = "define clause";
        Token nameToken = nextNonSpace();
        if (nameToken.type() != Type.STRING && nameToken.type() != Type.RAW_STRING) {
            throw unexpected(nameToken, context);
        }
        String defName = unquote(nameToken);
        expect(Type.RIGHT_DELIM, context);
        List<String> saved = vars;
        vars = new ArrayList<>(List.of("$"));
        ItemList body = itemList();
        vars = saved;
        if (!(body.end instanceof EndMarker)) {
            throw new ParseError(body.end.pos(), "unexpected " + body.end + " in " + context);
        }
        addTree(new Tree(defName, body.list, source), nameToken.pos());
    }

    private void addTree(Tree tree, int pos) {
        Tree old = trees.get(tree.name());
        if (old == null || old.isEmpty()) {
            trees.put(tree.name(), tree);
        } else if (!tree.isEmpty()) {
            throw new ParseError(pos, "template: multiple definition of template " + quote(tree.name()));
        }
    }

    // ---- lists and actions -----------------------------------------------------------------

    private record ItemList(Node.ListNode list, MarkerNode end) {
    }

    /** Marks {{end}}; never ends up in a tree. */
    private record EndMarker(int pos) implements MarkerNode {
        @Override
        public String toString() {
            return "{{end}}";
        }
    }

    /** Marks {{else}}; never ends up in a tree. */
    private record ElseMarker(int pos) implements MarkerNode {
        @Override
        public String toString() {
            return "{{else}}";
        }
    }

    /** {{end}} or {{else}}: closes a list; never part of a tree. */
    private sealed interface MarkerNode permits EndMarker, ElseMarker {
        int pos();
    }

    private ItemList itemList() {
        List<Node> list = new ArrayList<>();
        int pos = peekNonSpace().pos();
        while (peekNonSpace().type() != Type.EOF) {
            Object n = textOrActionOrMarker();
            if (n instanceof EndMarker || n instanceof ElseMarker) {
                return new ItemList(new Node.ListNode(pos, List.copyOf(list)), (MarkerNode) n);
            }
            list.add((Node) n);
        }
        throw new ParseError(peek().pos(), "unexpected EOF");
    }

    private Object textOrActionOrMarker() {
        Token token = nextNonSpace();
        switch (token.type()) {
            case TEXT -> {
                return new Node.Text(token.pos(), token.text(), token.text().getBytes(StandardCharsets.UTF_8));
            }
            case LEFT_DELIM -> {
                return action();
            }
            default -> throw unexpected(token, "input");
        }
    }

    private Object action() {
        Token token = nextNonSpace();
        switch (token.type()) {
            case BLOCK:
                return blockControl();
            case BREAK:
                return loopControl(token, true);
            case CONTINUE:
                return loopControl(token, false);
            case ELSE:
                return elseControl();
            case END:
                return new EndMarker(expect(Type.RIGHT_DELIM, "end").pos());
            case IF:
                return branchControl(Node.BranchKind.IF, "if");
            case RANGE:
                return branchControl(Node.BranchKind.RANGE, "range");
            case TEMPLATE:
                return templateControl();
            case WITH:
                return branchControl(Node.BranchKind.WITH, "with");
            default:
                break;
        }
        backup();
        Token first = peekNonSpace();
        Node.Pipe pipe = pipeline("command", Type.RIGHT_DELIM);
        return new Node.Action(first.pos(), source.line(first.pos()), pipe);
    }

    private Node loopControl(Token token, boolean isBreak) {
        String word = isBreak ? "{{break}}" : "{{continue}}";
        Token t = nextNonSpace();
        if (t.type() != Type.RIGHT_DELIM) {
            throw unexpected(t, word);
        }
        if (rangeDepth == 0) {
            throw new ParseError(token.pos(), word + " outside {{range}}");
        }
        int line = source.line(token.pos());
        return isBreak ? new Node.Break(token.pos(), line) : new Node.Continue(token.pos(), line);
    }

    private Object elseControl() {
        Token peek = peekNonSpace();
        if (peek.type() == Type.IF || peek.type() == Type.WITH) {
            // "{{else if" / "{{else with": leave the keyword pending for branchControl
            return new ElseMarker(peek.pos());
        }
        return new ElseMarker(expect(Type.RIGHT_DELIM, "else").pos());
    }

    private Node branchControl(Node.BranchKind kind, String context) {
        int savedVars = vars.size();
        try {
            Node.Pipe pipe = pipeline(context, Type.RIGHT_DELIM);
            if (kind == Node.BranchKind.RANGE) {
                rangeDepth++;
            }
            ItemList body = itemList();
            if (kind == Node.BranchKind.RANGE) {
                rangeDepth--;
            }
            Node.ListNode elseList = null;
            if (body.end instanceof ElseMarker) {
                if (kind == Node.BranchKind.IF && peekNonSpace().type() == Type.IF) {
                    nextNonSpace();
                    elseList = new Node.ListNode(body.end.pos(), List.of(branchControl(Node.BranchKind.IF, "if")));
                } else if (kind == Node.BranchKind.WITH && peekNonSpace().type() == Type.WITH) {
                    nextNonSpace();
                    elseList = new Node.ListNode(body.end.pos(),
                            List.of(branchControl(Node.BranchKind.WITH, "with")));
                } else {
                    ItemList elseBody = itemList();
                    if (!(elseBody.end instanceof EndMarker)) {
                        throw new ParseError(elseBody.end.pos(), "expected end; found " + elseBody.end);
                    }
                    elseList = elseBody.list;
                }
            }
            return new Node.Branch(pipe.pos(), pipe.line(), kind, pipe, body.list, elseList);
        } finally {
            vars.subList(savedVars, vars.size()).clear();
        }
    }

    private Node templateControl() {
        String context = "template clause";
        Token token = nextNonSpace();
        String target = templateName(token, context);
        Node.Pipe pipe = null;
        if (nextNonSpace().type() != Type.RIGHT_DELIM) {
            backup();
            pipe = pipeline(context, Type.RIGHT_DELIM);
        }
        return new Node.TemplateCall(token.pos(), source.line(token.pos()), target, pipe);
    }

    private Node blockControl() {
        String context = "block clause";
        Token token = nextNonSpace();
        String blockName = templateName(token, context);
        Node.Pipe pipe = pipeline(context, Type.RIGHT_DELIM);
        List<String> saved = vars;
        int savedRange = rangeDepth;
        vars = new ArrayList<>(List.of("$"));
        rangeDepth = 0;
        ItemList body = itemList();
        vars = saved;
        rangeDepth = savedRange;
        if (!(body.end instanceof EndMarker)) {
            throw new ParseError(body.end.pos(), "unexpected " + body.end + " in " + context);
        }
        addTree(new Tree(blockName, body.list, source), token.pos());
        return new Node.TemplateCall(token.pos(), source.line(token.pos()), blockName, pipe);
    }

    private String templateName(Token token, String context) {
        if (token.type() == Type.STRING || token.type() == Type.RAW_STRING) {
            return unquote(token);
        }
        throw unexpected(token, context);
    }

    // ---- pipelines and commands --------------------------------------------------------------

    private Node.Pipe pipeline(String context, Type end) {
        Token first = peekNonSpace();
        List<Node.Variable> decl = new ArrayList<>();
        boolean isAssign = false;
        decls:
        while (peekNonSpace().type() == Type.VARIABLE) {
            int mark = index;
            Token v = nextNonSpace();
            Token afterVar = peek();
            Token nextTok = peekNonSpace();
            if (nextTok.type() == Type.ASSIGN || nextTok.type() == Type.DECLARE) {
                isAssign = nextTok.type() == Type.ASSIGN;
                nextNonSpace();
                decl.add(new Node.Variable(v.pos(), List.of(v.text())));
                vars.add(v.text());
                break;
            } else if (nextTok.type() == Type.CHAR && nextTok.text().equals(",")) {
                nextNonSpace();
                decl.add(new Node.Variable(v.pos(), List.of(v.text())));
                vars.add(v.text());
                if (context.equals("range") && decl.size() < 2) {
                    Type t = peekNonSpace().type();
                    if (t == Type.VARIABLE || t == Type.RIGHT_DELIM || t == Type.RIGHT_PAREN) {
                        continue decls;
                    }
                    throw new ParseError(peekNonSpace().pos(), "range can only initialize variables");
                }
                throw new ParseError(nextTok.pos(), "too many declarations in " + context);
            } else {
                index = mark;
                break;
            }
        }
        List<Node.Command> cmds = new ArrayList<>();
        while (true) {
            Token token = nextNonSpace();
            if (token.type() == end) {
                checkPipeline(cmds, context, token);
                return new Node.Pipe(first.pos(), source.line(first.pos()), isAssign, List.copyOf(decl),
                        List.copyOf(cmds));
            }
            switch (token.type()) {
                case BOOL, CHAR_CONSTANT, DOT, FIELD, IDENTIFIER, NUMBER, NIL, RAW_STRING, STRING, VARIABLE,
                     LEFT_PAREN -> {
                    backup();
                    cmds.add(command());
                }
                default -> throw unexpected(token, context);
            }
        }
    }

    private void checkPipeline(List<Node.Command> cmds, String context, Token at) {
        if (cmds.isEmpty()) {
            throw new ParseError(at.pos(), "missing value for " + context);
        }
        for (int i = 1; i < cmds.size(); i++) {
            Node first = cmds.get(i).args().get(0);
            if (first instanceof Node.Bool || first instanceof Node.Dot || first instanceof Node.Nil
                    || first instanceof Node.Number || first instanceof Node.StringLit) {
                throw new ParseError(first.pos(), "non executable command in pipeline stage " + (i + 1));
            }
        }
    }

    private Node.Command command() {
        int pos = peekNonSpace().pos();
        List<Node> args = new ArrayList<>();
        while (true) {
            peekNonSpace();
            Node operand = operand();
            if (operand != null) {
                args.add(operand);
            }
            Token token = next();
            if (token.type() == Type.SPACE) {
                continue;
            }
            if (token.type() == Type.RIGHT_DELIM || token.type() == Type.RIGHT_PAREN) {
                backup();
            } else if (token.type() != Type.PIPE) {
                throw unexpected(token, "operand");
            }
            break;
        }
        if (args.isEmpty()) {
            throw new ParseError(pos, "empty command");
        }
        return new Node.Command(pos, List.copyOf(args));
    }

    private Node operand() {
        Node node = term();
        if (node == null) {
            return null;
        }
        if (peek().type() == Type.FIELD) {
            int chainPos = peek().pos();
            List<String> fields = new ArrayList<>();
            while (peek().type() == Type.FIELD) {
                fields.add(next().text().substring(1));
            }
            if (node instanceof Node.Field f) {
                List<String> all = new ArrayList<>(f.idents());
                all.addAll(fields);
                return new Node.Field(chainPos, List.copyOf(all));
            }
            if (node instanceof Node.Variable v) {
                List<String> all = new ArrayList<>(v.idents());
                all.addAll(fields);
                return new Node.Variable(chainPos, List.copyOf(all));
            }
            if (node instanceof Node.Bool || node instanceof Node.StringLit || node instanceof Node.Number
                    || node instanceof Node.Nil || node instanceof Node.Dot) {
                throw new ParseError(chainPos, "unexpected . after term " + quote(node.toString()));
            }
            return new Node.Chain(chainPos, node, List.copyOf(fields));
        }
        return node;
    }

    private Node term() {
        Token token = nextNonSpace();
        switch (token.type()) {
            case IDENTIFIER -> {
                if (!hasFunction.test(token.text())) {
                    throw new ParseError(token.pos(), "function " + quote(token.text()) + " not defined");
                }
                return new Node.Identifier(token.pos(), token.text());
            }
            case DOT -> {
                return new Node.Dot(token.pos());
            }
            case NIL -> {
                return new Node.Nil(token.pos());
            }
            case VARIABLE -> {
                if (!vars.contains(token.text())) {
                    throw new ParseError(token.pos(), "undefined variable " + quote(token.text()));
                }
                return new Node.Variable(token.pos(), List.of(token.text()));
            }
            case FIELD -> {
                return new Node.Field(token.pos(), List.of(token.text().substring(1)));
            }
            case BOOL -> {
                return new Node.Bool(token.pos(), token.text().equals("true"));
            }
            case CHAR_CONSTANT, NUMBER -> {
                try {
                    return Literals.number(token.pos(), token.text(), token.type() == Type.CHAR_CONSTANT);
                } catch (IllegalArgumentException e) {
                    throw new ParseError(token.pos(), e.getMessage());
                }
            }
            case LEFT_PAREN -> {
                return pipeline("parenthesized pipeline", Type.RIGHT_PAREN);
            }
            case STRING, RAW_STRING -> {
                return new Node.StringLit(token.pos(), token.text(), unquote(token));
            }
            default -> {
                backup();
                return null;
            }
        }
    }

    // ---- token cursor --------------------------------------------------------------------------

    private Token next() {
        Token t = tokens.get(index);
        if (index < tokens.size() - 1) {
            index++;
        }
        return t;
    }

    private void backup() {
        index--;
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token nextNonSpace() {
        Token t;
        do {
            t = next();
        } while (t.type() == Type.SPACE);
        return t;
    }

    private Token peekNonSpace() {
        int mark = index;
        Token t = nextNonSpace();
        index = mark;
        return t;
    }

    private Token expect(Type expected, String context) {
        Token t = nextNonSpace();
        if (t.type() != expected) {
            throw unexpected(t, context);
        }
        return t;
    }

    private ParseError unexpected(Token token, String context) {
        return new ParseError(token.pos(), "unexpected " + token.describe() + " in " + context);
    }

    private String unquote(Token token) {
        try {
            return Literals.unquote(token.text());
        } catch (IllegalArgumentException e) {
            throw new ParseError(token.pos(), e.getMessage());
        }
    }

    private static String quote(String s) {
        return dev.coffer.template.gofmt.GoQuote.quote(s);
    }
}
