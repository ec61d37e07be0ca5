package dev.coffer.api.generators.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

import java.util.List;

/** The rules of the Password generator; omitted counts take upstream's defaults. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PasswordSpec {

    /** Length of the password; 24 when omitted or not positive. */
    @Required
    @Default("24")
    public Integer length;

    /** Number of digits; 25% of the length when omitted. */
    public Integer digits;

    /** Number of symbols; 25% of the length when omitted. */
    public Integer symbols;

    /** The symbols to pick from; upstream's set when omitted. */
    public String symbolCharacters;

    /** No uppercase letters. */
    @Required
    @Default("false")
    public Boolean noUpper;

    /** Allow a character to appear more than once. */
    @Required
    @Default("false")
    public Boolean allowRepeat;

    /** How the password is encoded in the output. */
    @Default("raw")
    public PasswordEncoding encoding;

    /** The output keys, each with its own password; "password" when omitted. */
    @Size(min = 1)
    public List<String> secretKeys;
}
