package dev.coffer.template;

import dev.coffer.template.exec.ExecError;
import dev.coffer.template.exec.Executor;
import dev.coffer.template.funcs.FunctionRegistry;
import dev.coffer.template.gofmt.GoQuote;
import dev.coffer.template.parse.Parser;
import dev.coffer.template.parse.Position;
import dev.coffer.template.parse.TemplateSyntaxException;
import dev.coffer.template.parse.Tree;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A parsed Go {@code text/template} with the sprig and external-secrets functions, executed the way
 * ESO executes {@code target.template}: with {@code missingkey=error}.
 *
 * <p>Parse once, execute many times: a GoTemplate is immutable and may be executed concurrently.
 * Data is usually a {@code Map<String, Object>} whose values are Strings (or {@code byte[]} for
 * secret bytes that may not be UTF-8), Lists, Maps, Numbers, Booleans or null.
 */
public final class GoTemplate {
    private final String name;
    private final Map<String, Tree> trees;
    private final FunctionRegistry functions;

    private GoTemplate(String name, Map<String, Tree> trees, FunctionRegistry functions) {
        this.name = name;
        this.trees = Map.copyOf(trees);
        this.functions = functions;
    }

    /** Parses {@code text} as template {@code name}; throws with Go's {@code template: NAME:LINE:COL: ...}. */
    public static GoTemplate parse(String name, String text) throws TemplateException {
        Map<String, String> one = new LinkedHashMap<>();
        one.put(name, text);
        return parseSet(name, one);
    }

    /**
     * Parses several named texts into one set sharing their {@code define}s (like Go's
     * {@code template.New(a).Parse(...); t.New(b).Parse(...)}); {@link #execute} runs {@code main}.
     * Texts are parsed in the map's iteration order; a later non-empty definition replaces an earlier one.
     */
    public static GoTemplate parseSet(String main, Map<String, String> texts) throws TemplateException {
        return parseSet(main, texts, EsoFunctionSet.standard());
    }

    /** Parses {@code text} with {@code functions} instead of the standard set (see {@link EsoFunctionSet#standardWith}). */
    public static GoTemplate parse(String name, String text, FunctionRegistry functions) throws TemplateException {
        Map<String, String> one = new LinkedHashMap<>();
        one.put(name, text);
        return parseSet(name, one, functions);
    }

    private static GoTemplate parseSet(String main, Map<String, String> texts, FunctionRegistry functions)
            throws TemplateException {
        Map<String, Tree> trees = new HashMap<>();
        for (Map.Entry<String, String> e : texts.entrySet()) {
            try {
                Parser.parse(e.getKey(), e.getValue(), functions::has, trees);
            } catch (TemplateSyntaxException ex) {
                throw new TemplateException(ex.getMessage(), ex.position());
            }
        }
        if (!trees.containsKey(main)) {
            throw new TemplateException("template: no template " + GoQuote.quote(main) + " in set",
                    new Position(main, 0, 0));
        }
        return new GoTemplate(main, trees, functions);
    }

    public String name() {
        return name;
    }

    /** Names of all templates in the set: the main one, defines and blocks. */
    public Set<String> templateNames() {
        return trees.keySet();
    }

    /** Executes the template; the result is the UTF-8 text of the bytes written. */
    public String execute(Object data) throws TemplateException {
        return new String(executeBytes(data), StandardCharsets.UTF_8);
    }

    /** Executes the template and returns the bytes written, exactly as Go writes them (binary-safe). */
    public byte[] executeBytes(Object data) throws TemplateException {
        return executeTemplate(name, data);
    }

    /** Executes another template of the set (a define or block) with {@code data} as dot. */
    public byte[] executeTemplate(String templateName, Object data) throws TemplateException {
        return executeTemplate(templateName, data, MissingKey.ERROR);
    }

    /**
     * Go's {@code missingkey} option, chosen per execution: ESO runs with {@code ERROR}, the Sealed
     * Secrets controller with Go's {@code DEFAULT} (a missing map key prints {@code <no value>}).
     */
    public enum MissingKey { DEFAULT, ERROR }

    /** Executes the main template with the given {@code missingkey} option. */
    public byte[] executeBytes(Object data, MissingKey missingKey) throws TemplateException {
        return executeTemplate(name, data, missingKey);
    }

    /** Executes a template of the set with the given {@code missingkey} option. */
    public byte[] executeTemplate(String templateName, Object data, MissingKey missingKey) throws TemplateException {
        if (!trees.containsKey(templateName)) {
            throw new TemplateException("template: no template " + GoQuote.quote(templateName)
                    + " associated with template " + GoQuote.quote(name), new Position(name, 0, 0));
        }
        try {
            return Executor.execute(trees, templateName, functions, data, missingKey == MissingKey.ERROR);
        } catch (ExecError e) {
            throw new TemplateException(e.getMessage(), e.detail(), e.position());
        }
    }
}
