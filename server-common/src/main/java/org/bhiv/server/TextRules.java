package org.bhiv.server;

import java.util.Set;

/**
 * What counts as printable text in identifiers that travel between services (user ids,
 * product names): the executor and Core apply the same rule, so Core never forwards a value the
 * executor would refuse.
 */
public final class TextRules {

    private static final Set<Integer> UNPRINTABLE_TYPES = Set.of((int) Character.FORMAT, (int) Character.LINE_SEPARATOR,
            (int) Character.PARAGRAPH_SEPARATOR, (int) Character.SURROGATE);

    private TextRules() {
    }

    /**
     * @param codePoint a code point
     * @return true for control and format characters, line and paragraph separators, and
     *         unpaired surrogates
     */
    public static boolean unprintable(int codePoint) {
        return Character.isISOControl(codePoint) || UNPRINTABLE_TYPES.contains(Character.getType(codePoint));
    }

    /**
     * @param text any text
     * @return true when no code point of it is {@linkplain #unprintable(int) unprintable}
     */
    public static boolean printable(String text) {
        return text.codePoints().noneMatch(TextRules::unprintable);
    }
}
