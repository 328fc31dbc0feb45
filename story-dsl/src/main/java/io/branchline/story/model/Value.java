package io.branchline.story.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;

/** A value of the story language: a number, a string or a bool. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Value.Num.class, name = "number"),
        @JsonSubTypes.Type(value = Value.Str.class, name = "string"),
        @JsonSubTypes.Type(value = Value.Bool.class, name = "bool")})
public sealed interface Value {

    Type type();

    /** How the value reads inside interpolated text: whole numbers without a fraction. */
    String display();

    /** A number; all numbers are doubles, shown as integers when they have no fraction. */
    record Num(double value) implements Value {
        public Type type() {
            return Type.NUMBER;
        }

        public String display() {
            if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
                return Long.toString((long) value);
            }
            return Double.toString(value);
        }
    }

    /** A string. */
    record Str(String value) implements Value {
        public Type type() {
            return Type.STRING;
        }

        public String display() {
            return value;
        }
    }

    /** A bool. */
    record Bool(boolean value) implements Value {
        public Type type() {
            return Type.BOOL;
        }

        public String display() {
            return Boolean.toString(value);
        }
    }

    /** The three types of the language. */
    enum Type {
        NUMBER, STRING, BOOL;

        /** The type's name as authors and the JSON format write it: number, string, bool. */
        @JsonValue
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
