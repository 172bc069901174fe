package dev.kwam.hud;

/** A query parameter the API cannot use: what, why, and how to fix it (answered as 400). */
final class BadQuery extends Exception {
    private final String fix;

    BadQuery(String what, String fix) {
        super(what, null, false, false);
        this.fix = fix;
    }

    String fix() {
        return fix;
    }
}
