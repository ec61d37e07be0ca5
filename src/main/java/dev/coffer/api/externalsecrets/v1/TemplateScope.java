package dev.coffer.api.externalsecrets.v1;

/** Whether a templateFrom item renders values only, or keys and values. */
public enum TemplateScope {
    Values,
    KeysAndValues
}
