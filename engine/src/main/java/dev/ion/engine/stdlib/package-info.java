/**
 * The Ion standard library (LANGUAGE.md §8): top-level built-ins ({@link dev.ion.engine.stdlib.Builtins}),
 * methods of the built-in types ({@link dev.ion.engine.stdlib.Methods}) and the standard modules
 * ({@link dev.ion.engine.stdlib.Modules}).
 *
 * <h2>Execution contract</h2>
 * Every native that calls back into Ion returns {@code cx.call(fn, args, continuation)} and continues in
 * the continuation (see {@code Callbacks.Loop} and {@code Sorting}); none calls the VM recursively, so a
 * callback may park its task in the middle. Natives charge fuel in proportion to their work (one unit
 * per element or character copied, one per 16 scanned read-only, n·log₂n for sorts, one per callback)
 * and report the memory of what they build (16 bytes + 8 per element, 2 per char, 1 per byte).
 * Results whose size alone exceeds {@code max_memory_bytes} are refused before anything is allocated.
 *
 * <h2>Decisions where LANGUAGE.md is silent</h2>
 * <ul>
 * <li>Arity and argument-type errors have kind {@code type}; value errors (bad index, negative count,
 *     unwrap of None …) have kind {@code runtime}. {@code assert} on a non-bool is a {@code type} error.</li>
 * <li>{@code len(s)}/{@code s.len()} count UTF-8 bytes; every other string index, width and count is in
 *     characters. String and list {@code slice(a, b)} take exactly two arguments, count negative bounds from
 *     the end, and clamp.</li>
 * <li>{@code int(s)}, {@code float(s)}, {@code s.to_int()}, {@code s.to_float()} parse like Rust's
 *     {@code str::parse}: no surrounding whitespace, optional sign, no {@code _}; floats accept exponents,
 *     {@code inf}, {@code infinity}, {@code nan}. {@code to_int/to_float} give {@code Err} with Rust's
 *     message ("invalid digit found in string" …); {@code int()/float()} raise
 *     {@code int() cannot parse "x": …}. {@code int(float)} truncates and fails on NaN/∞/out of range;
 *     {@code int(true)} is 1.</li>
 * <li>{@code bytes(…)} accepts nothing (empty), an int n (n zero bytes), a string (UTF-8), a list/tuple/range
 *     of ints 0..=255, or bytes. {@code bytes_from_hex} returns a {@code Result}, like {@code bytes::from_hex}.</li>
 * <li>{@code s.split()} without a separator splits on whitespace dropping empty parts; {@code split(sep)}
 *     keeps empty parts; {@code split("")} gives {@code ["", c1, …, cn, ""]} (Rust). {@code lines()} is an
 *     extra. {@code count("")} and {@code replace("", x)} work between characters, as in Rust.</li>
 * <li>{@code strip_prefix/strip_suffix} return the string unchanged when the affix is absent (not an Option).
 *     {@code pad_start/pad_end} cycle a multi-character fill and never truncate; an empty fill pads nothing.</li>
 * <li>{@code index(x)} and {@code count(x)} on lists compare with {@code ==}; when {@code x} is a function
 *     they use it as a predicate. {@code reduce(f)} returns an Option (None for an empty list).
 *     {@code flatten} and {@code flat_map} splice lists one level and keep other values as they are.
 *     {@code min/max} use the total order of sort (first minimum, last maximum); {@code sum} of ints is
 *     overflow-checked, turns float once a float appears, and is 0 for an empty list. {@code join(sep = "")}
 *     uses display forms. {@code window(n)/chunk(n)} fail for n ≤ 0. {@code sort_by}'s comparator must return
 *     an int or a float (by sign). Both sorts are stable. Extras: {@code get insert remove extend to_list};
 *     {@code insert(i, v)} takes {@code i} in {@code -len-1..=len} ({@code -1} inserts at the end).</li>
 * <li>{@code dict.update(k, f)} fails when {@code k} is missing; {@code dict.zip(other)} gives a dict of
 *     {@code (v1, v2)} for the keys present in both, in the receiver's order; dict key arguments must be
 *     strings. {@code merge} lets the argument win, keeping existing positions.</li>
 * <li>Set {@code union/intersection/difference} accept any iterable; {@code is_subset} is an extra.
 *     {@code range.contains} accepts floats numerically and is false for non-numbers.</li>
 * <li>{@code unwrap} on None fails with "called unwrap() on None", on {@code Err(e)} with
 *     "called unwrap() on Err: e"; {@code expect(msg)} fails with exactly the display form of msg.
 *     Extras: {@code Option.ok_or/filter}, {@code Result.ok/err/unwrap_err}.</li>
 * <li>{@code cell.update(f)} stores and returns the new value; {@code set(v)} returns {@code ()}.</li>
 * <li>bytes: {@code contains/find/count/starts_with/ends_with/split/replace} take bytes or a single byte
 *     int; {@code pop} gives {@code (bytes, Option)} like lists; {@code set(i, v)} returns a copy;
 *     {@code read_*} fail when the read does not fit, and {@code read_u64_*} fails for values above
 *     {@code i64::MAX}; {@code to_str} gives Rust-style {@code Utf8Error} messages.</li>
 * <li>math: {@code pow(int, int ≥ 0)} is an overflow-checked int, anything else a float; {@code round} rounds
 *     half away from zero; {@code clamp} stays int when all three are ints; {@code min/max} also accept a
 *     single list; {@code log(x, base)} is allowed; extras {@code trunc cbrt exp asin acos atan hypot is_finite}.
 *     Ints and floats also have a few methods ({@code abs to_float to_int floor ceil round sqrt is_nan}).</li>
 * <li>json: {@code None}, {@code ()} and NaN/±∞ encode as {@code null}; {@code Some(v)} as {@code v}; tuples and
 *     sets as arrays; host structs as objects; bytes, ranges, Results, functions, cells, modules, tasks and
 *     enums fail ("encode() cannot encode a value of type bytes as JSON"). {@code pretty} indents by two spaces
 *     like serde_json. Decoding keeps integers as ints (floats when they do not fit in i64), duplicate keys keep
 *     their first position and last value, and errors use serde_json's wording with 1-based line and
 *     character column. Pretty output grows quadratically with depth, so very deep values hit the memory
 *     limit there (never the host stack).</li>
 * <li>{@code string::join(list, sep = "")} and {@code string::from_chars(list)} join display forms.</li>
 * <li>bytes module: {@code repeat(int byte | bytes, n)}, {@code concat(a, b, …)} or {@code concat(list)},
 *     {@code join(list, sep = b"")}, {@code from_base64} accepts standard or URL-safe alphabets with optional
 *     padding and returns a Result ({@code Err("invalid base64: invalid character \"!\" at index 0")} or
 *     {@code Err("invalid base64: invalid length or padding")}); encoders fail for values outside the target type's range (u64 takes
 *     0..=i64::MAX).</li>
 * <li>rand: {@code int(lo, hi)} is inclusive at both ends; {@code float()} is in [0, 1) and {@code float(lo, hi)}
 *     in [lo, hi); {@code choice} returns an Option; {@code shuffle} returns a new list; {@code sample(list, k)}
 *     returns min(k, len) distinct elements.</li>
 * <li>io: {@code print} writes without a newline, {@code println}/{@code eprintln} add one; arguments are display
 *     forms joined by a space; all of it goes through {@code cx.print}. log: arguments joined the same way.</li>
 * <li>path: lexical and '/'-only. {@code parent file_name extension stem} follow Rust's {@code Path} and return
 *     Options; {@code dirname basename split} follow Python's {@code os.path} and return strings/tuples;
 *     {@code join} restarts at an absolute component; {@code normalize} resolves {@code .} and {@code ..}
 *     lexically ("" and "a/.." become "."); {@code components} follow Rust; {@code with_extension} and
 *     {@code is_relative}, {@code SEP} are extras.</li>
 * <li>semver: {@code parse} is strict SemVer 2.0 (no leading {@code v}) and gives
 *     {@code Ok(#{major, minor, patch, pre, build})} with pre/build as strings ("" when absent), or
 *     {@code Err(message)}; {@code compare} ignores build metadata and accepts strings or parsed dicts;
 *     {@code satisfies} follows Cargo's rules (bare version = caret, partial versions, {@code * x X} wildcards,
 *     comma = and, plus {@code ||} alternatives; a pre-release only matches a comparator naming the same
 *     major.minor.patch with a pre-release); invalid versions or requirements are runtime errors;
 *     {@code bump(v, "major"|"minor"|"patch")} returns a string and drops pre-release and build.</li>
 * <li>Host types ({@link dev.ion.engine.value.HostTypes}): a registered struct is a constructor function
 *     {@code Point(x, y)} (fields in declaration order) that the compiler also recognises for the literal
 *     {@code Point { x: 1, y: 2 }} (all fields, any order, evaluated as written; unknown, missing or repeated
 *     fields are compile-time type errors) and for compile-time checks of struct patterns. A registered enum is a
 *     module-like namespace of its variants: unit variants are values, variants with payload are constructor
 *     functions named {@code Enum::Variant} with a fixed arity. Calling a unit variant, naming an unknown variant
 *     in a pattern or giving a pattern the wrong payload count are compile-time errors; patterns naming
 *     unregistered types compile and just test the names (host functions may return such values).</li>
 * </ul>
 */
package dev.ion.engine.stdlib;
