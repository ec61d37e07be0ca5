package dev.coffer.inject.agent;

import java.util.List;

/** An injected agent's work, whatever the files come from: render them all once, then keep them current. */
public interface RenderingAgent {

    /** Renders every file; returns the names of those written (new or changed). */
    List<String> renderAll() throws SecretsAgent.AgentException;

    /** Called every few seconds by the sidecar: renews and re-renders what is due; returns the files written. */
    List<String> tick() throws SecretsAgent.AgentException;
}
