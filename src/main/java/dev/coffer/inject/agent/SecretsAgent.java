package dev.coffer.inject.agent;

import dev.coffer.inject.InjectedFile;
import dev.coffer.inject.InjectionSpec;
import dev.coffer.template.TemplateException;

import java.util.ArrayList;
import java.util.List;

/**
 * The agent's work for one pod: render every file of the {@link InjectionSpec} ({@link #renderAll},
 * the init container's one job), and in the sidecar, {@link #tick} to renew what is due and
 * re-render the files whose secrets changed.
 */
public final class SecretsAgent implements RenderingAgent {

    private final InjectionSpec spec;
    private final SecretCache secrets;
    private final SecretFiles files;

    public SecretsAgent(InjectionSpec spec, SecretCache secrets, SecretFiles files) {
        this.spec = spec;
        this.secrets = secrets;
        this.files = files;
    }

    /** Renders every file; returns the names of those written (new or changed). A failure names the file, never a value. */
    @Override
    public List<String> renderAll() throws AgentException {
        List<String> written = new ArrayList<>();
        for (InjectedFile f : spec.files()) {
            byte[] content;
            try {
                content = FileTemplates.render(f, secrets);
            } catch (TemplateException e) {
                throw new AgentException("file " + f.name() + ": template: " + e.getMessage().lines().findFirst().orElse(""));
            } catch (RuntimeException e) {
                throw new AgentException("file " + f.name() + ": " + oneLine(e));
            }
            files.writeFor(f, content, written);
        }
        return written;
    }

    /** Renews and expires what is due, then re-renders; returns the files written. */
    @Override
    public List<String> tick() throws AgentException {
        try {
            secrets.tick();
        } catch (RuntimeException e) {
            throw new AgentException(oneLine(e));
        }
        return renderAll();
    }

    private static String oneLine(RuntimeException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("");
    }

    /** A failure of the agent, in one line without secret values. */
    public static final class AgentException extends Exception {
        public AgentException(String message) {
            super(message);
        }
    }
}
