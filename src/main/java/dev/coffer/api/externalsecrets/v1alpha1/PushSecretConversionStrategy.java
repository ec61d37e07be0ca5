package dev.coffer.api.externalsecrets.v1alpha1;

/** How Secret keys are turned back into remote keys ({@code ReverseUnicode} undoes {@code Unicode}). */
public enum PushSecretConversionStrategy {
    None,
    ReverseUnicode
}
