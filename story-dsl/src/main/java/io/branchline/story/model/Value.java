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
        /** Minus zero is zero: {@code -0 == 0} holds, and it reads "0". */
        public Num {
            if (value == 0) {
                value = 0.0;
            }
        }

        public Type type() {
            return Type.NUMBER;
        }

        /**
         * Plain decimal notation with at most 15 significant digits, so that 3 reads "3",
         * 0.1 + 0.2 reads "0.3" and 1/10000 reads "0.0001", never "3.0" or "1.0E-4".
         */
        public String display() {
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                return Double.toString(value);
            }
            String plain = new java.math.BigDecimal(value).round(new java.math.MathContext(15)).stripTrailingZeros().toPlainString();
            return plain.equals("-0") ? "0" : plain;
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
