package dev.coffer.api.externalsecrets.v1;

/** How remote keys are converted into Secret keys. */
public enum ConversionStrategy {
    Default,
    Unicode
}
