package dev.kwam.node.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Just enough JSON parsing to check the CLI's output shapes: objects keep their key order; integers are Long, other numbers Double, null is null. */
final class MiniJson {
    private final String text;
    private int at;

    private MiniJson(String text) {
        this.text = text;
    }

    static Object parse(String text) {
        MiniJson p = new MiniJson(text.strip());
        Object value = p.value();
        if (p.at != p.text.length()) {
            throw new IllegalArgumentException("trailing text at " + p.at + ": " + text);
        }
        return value;
    }

    private Object value() {
        char c = text.charAt(at);
        if (c == '{') {
            Map<String, Object> map = new LinkedHashMap<>();
            at++;
            if (text.charAt(at) == '}') {
                at++;
                return map;
            }
            do {
                String key = string();
                expect(':');
                if (map.containsKey(key)) {
                    throw new IllegalArgumentException("duplicate key " + key);
                }
                map.put(key, value());
            } while (text.charAt(at++) == ',');
            check('}', at - 1);
            return map;
        }
        if (c == '[') {
            List<Object> list = new ArrayList<>();
            at++;
            if (text.charAt(at) == ']') {
                at++;
                return list;
            }
            do {
                list.add(value());
            } while (text.charAt(at++) == ',');
            check(']', at - 1);
            return list;
        }
        if (c == '"') {
            return string();
        }
        if (text.startsWith("true", at)) {
            at += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("false", at)) {
            at += 5;
            return Boolean.FALSE;
        }
        if (text.startsWith("null", at)) {
            at += 4;
            return null; // a key present with no value: containsKey tells it from a missing one
        }
        int start = at;
        while (at < text.length() && "-+0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        if (start == at) {
            throw new IllegalArgumentException("unexpected '" + c + "' at " + at);
        }
        String number = text.substring(start, at);
        return number.matches("-?\\d+") ? (Object) Long.parseLong(number) : (Object) Double.parseDouble(number);
    }

    private String string() {
        expect('"');
        StringBuilder s = new StringBuilder();
        while (text.charAt(at) != '"') {
            char c = text.charAt(at++);
            if (c == '\\') {
                char e = text.charAt(at++);
                s.append(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'u' ? (char) Integer.parseInt(text.substring(at, at += 4), 16) : e);
            } else {
                s.append(c);
            }
        }
        at++;
        return s.toString();
    }

    private void expect(char c) {
        check(c, at++);
    }

    private void check(char c, int position) {
        if (text.charAt(position) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + position + " in " + text);
        }
    }
}
