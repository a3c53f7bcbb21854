package io.github.salesforcejwt.test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.salesforcejwt.test.SoqlLexer.Kind;
import io.github.salesforcejwt.test.SoqlLexer.Token;
import io.github.salesforcejwt.test.SoqlQuery.All;
import io.github.salesforcejwt.test.SoqlQuery.Any;
import io.github.salesforcejwt.test.SoqlQuery.Comparison;
import io.github.salesforcejwt.test.SoqlQuery.Condition;
import io.github.salesforcejwt.test.SoqlQuery.Literal;
import io.github.salesforcejwt.test.SoqlQuery.Order;

/**
 * A recursive-descent parser of the SOQL subset the fake org answers:
 * <pre>
 * query      = SELECT ( COUNT "(" ")" | field { "," field } ) FROM object
 *              [ WHERE condition ] [ ORDER BY order { "," order } ] [ LIMIT integer ] [ OFFSET integer ]
 * condition  = term { AND term } | term { OR term }      (mixing AND and OR needs parentheses)
 * term       = "(" condition ")" | field ( "=" | "!=" | "&lt;&gt;" | LIKE ) literal | field IN "(" literal { "," literal } ")"
 * order      = field [ ASC | DESC ] [ NULLS ( FIRST | LAST ) ]
 * literal    = string | [ "-" | "+" ] number | TRUE | FALSE | NULL
 * </pre> Whatever else SOQL has (relationship fields, subqueries, functions, aggregates,
 * {@code NOT}, range operators, date literals, {@code GROUP BY}, {@code WITH}, {@code FOR},
 * ...) is refused with {@link SoqlException#unsupported}; what SOQL itself does not have
 * is refused as Salesforce refuses it, {@code unexpected token}.
 */
final class SoqlParser {

	/**
	 * SOQL's reserved words, which cannot name a field or an object.
	 */
	private static final Set<String> RESERVED = Set.of("AND", "ASC", "DESC", "EXCLUDES", "FIRST", "FROM", "GROUP",
			"HAVING", "IN", "INCLUDES", "LAST", "LIKE", "LIMIT", "NOT", "NULL", "NULLS", "OR", "SELECT", "WHERE",
			"WITH", "TRUE", "FALSE", "ORDER", "BY");

	private static final List<String> DATE_LITERAL_WORDS = List.of("DAY", "WEEK", "MONTH", "QUARTER", "YEAR",
			"TODAY", "YESTERDAY", "TOMORROW");

	private final List<Token> tokens;

	private int position;

	private SoqlParser(List<Token> tokens) {
		this.tokens = tokens;
	}

	/**
	 * Parse a query.
	 * @param soql the query
	 * @return the parsed query
	 * @throws SoqlException if the query is not SOQL, or not of the subset
	 */
	static SoqlQuery parse(String soql) {
		return new SoqlParser(SoqlLexer.tokenize(soql)).query();
	}

	private SoqlQuery query() {
		expectKeyword("SELECT");
		boolean count = false;
		List<Token> fields = new ArrayList<>();
		if (peek().isKeyword("COUNT") && peek(1).isSymbol("(")) {
			Token function = next();
			next();
			if (!peek().isSymbol(")")) {
				throw SoqlException.unsupported("COUNT(" + peek().text() + "): aggregate functions", function.offset());
			}
			next();
			count = true;
		}
		else {
			do {
				fields.add(selectedField());
			}
			while (accept(","));
		}
		expectKeyword("FROM");
		Token object = name();
		if (peek().isSymbol(",")) {
			throw SoqlException.unsupported("more than one object in FROM", peek().offset());
		}
		if (peek().kind() == Kind.IDENTIFIER && !isClause(peek())) {
			throw SoqlException.unsupported(
					peek().isKeyword("USING") ? "USING SCOPE" : "an alias of the object ('" + peek().text() + "')",
					peek().offset());
		}
		Condition where = acceptKeyword("WHERE") ? condition() : null;
		refuseClause("WITH", "GROUP", "HAVING");
		List<Order> orderBy = new ArrayList<>();
		if (acceptKeyword("ORDER")) {
			expectKeyword("BY");
			do {
				orderBy.add(order());
			}
			while (accept(","));
		}
		Token limit = acceptKeyword("LIMIT") ? integer() : null;
		Token offset = acceptKeyword("OFFSET") ? integer() : null;
		refuseClause("FOR", "UPDATE");
		if (peek().kind() != Kind.END) {
			throw SoqlException.unexpected(peek());
		}
		return new SoqlQuery(fields, count, object, where, orderBy, limit, offset);
	}

	private Token selectedField() {
		Token token = peek();
		if (token.isSymbol("(")) {
			throw SoqlException.unsupported("subqueries in the field list (child relationships)", token.offset());
		}
		if (token.isKeyword("TYPEOF")) {
			throw SoqlException.unsupported("TYPEOF", token.offset());
		}
		return field("in the field list");
	}

	private Token field(String where) {
		Token field = name();
		if (peek().isSymbol("(")) {
			throw SoqlException.unsupported("functions " + where + " (" + field.text() + "(...))", field.offset());
		}
		if (peek().isSymbol(".")) {
			throw SoqlException.unsupported("relationship fields " + where + " (" + field.text() + "." + peek(1).text()
					+ ")", field.offset());
		}
		return field;
	}

	private Condition condition() {
		List<Condition> terms = new ArrayList<>();
		terms.add(term());
		String operator = null;
		while (peek().isKeyword("AND") || peek().isKeyword("OR")) {
			Token token = next();
			if (operator != null && !operator.equals(token.upperCase())) {
				// SOQL needs parentheses where AND and OR mix
				throw SoqlException.unexpected(token);
			}
			operator = token.upperCase();
			terms.add(term());
		}
		if (operator == null) {
			return terms.get(0);
		}
		return operator.equals("AND") ? new All(terms) : new Any(terms);
	}

	private Condition term() {
		if (accept("(")) {
			Condition condition = condition();
			expect(")");
			return condition;
		}
		if (peek().isKeyword("NOT")) {
			throw SoqlException.unsupported("NOT", peek().offset());
		}
		Token field = field("in WHERE");
		Token operator = next();
		if (operator.isSymbol("=") || operator.isSymbol("!=") || operator.isSymbol("<>") || operator.isKeyword("LIKE")) {
			String name = operator.isSymbol("<>") ? "!=" : operator.upperCase();
			return new Comparison(field, name, List.of(literal()));
		}
		if (operator.isKeyword("IN")) {
			return new Comparison(field, "IN", literals());
		}
		if (operator.isSymbol("<") || operator.isSymbol(">") || operator.isSymbol("<=") || operator.isSymbol(">=")) {
			throw SoqlException.unsupported("the operator " + operator.text(), operator.offset());
		}
		if (operator.isKeyword("NOT") && peek().isKeyword("IN") || operator.isKeyword("INCLUDES")
				|| operator.isKeyword("EXCLUDES")) {
			throw SoqlException.unsupported(operator.isKeyword("NOT") ? "NOT IN" : operator.upperCase(),
					operator.offset());
		}
		throw SoqlException.unexpected(operator);
	}

	private List<Literal> literals() {
		expect("(");
		if (peek().isKeyword("SELECT")) {
			throw SoqlException.unsupported("semi-joins (IN (SELECT ...))", peek().offset());
		}
		List<Literal> literals = new ArrayList<>();
		do {
			literals.add(literal());
		}
		while (accept(","));
		expect(")");
		return literals;
	}

	private Literal literal() {
		Token token = next();
		switch (token.kind()) {
			case STRING:
				return new Literal(token, token.stringValue());
			case NUMBER:
				return new Literal(token, new BigDecimal(token.text()));
			case DATE_LITERAL:
				throw SoqlException.unsupported("date and datetime literals (" + token.text() + ")", token.offset());
			case SYMBOL:
				if ((token.isSymbol("-") || token.isSymbol("+")) && peek().kind() == Kind.NUMBER) {
					BigDecimal number = new BigDecimal(next().text());
					return new Literal(token, token.isSymbol("-") ? number.negate() : number);
				}
				if (token.isSymbol(":")) {
					throw new SoqlException("MALFORMED_QUERY", "Bind variables only allowed in Apex code",
							token.offset());
				}
				throw SoqlException.unexpected(token);
			case IDENTIFIER:
				if (token.isKeyword("TRUE") || token.isKeyword("FALSE")) {
					return new Literal(token, Boolean.valueOf(token.text().toLowerCase(Locale.ROOT)));
				}
				if (token.isKeyword("NULL")) {
					return new Literal(token, null);
				}
				if (DATE_LITERAL_WORDS.stream().anyMatch(token.upperCase()::contains)) {
					throw SoqlException.unsupported("date literals (" + token.text() + ")", token.offset());
				}
				throw SoqlException.unexpected(token);
			default:
				throw SoqlException.unexpected(token);
		}
	}

	private Order order() {
		Token field = field("in ORDER BY");
		boolean descending = acceptKeyword("DESC");
		if (!descending) {
			acceptKeyword("ASC");
		}
		boolean nullsLast = descending;
		if (acceptKeyword("NULLS")) {
			if (acceptKeyword("LAST")) {
				nullsLast = true;
			}
			else {
				expectKeyword("FIRST");
				nullsLast = false;
			}
		}
		return new Order(field, descending, nullsLast);
	}

	private Token integer() {
		Token token = next();
		if (token.kind() != Kind.NUMBER || token.text().contains(".")) {
			throw SoqlException.unexpected(token);
		}
		return token;
	}

	private Token name() {
		Token token = next();
		if (token.kind() != Kind.IDENTIFIER || RESERVED.contains(token.upperCase())) {
			throw SoqlException.unexpected(token);
		}
		return token;
	}

	private void refuseClause(String... keywords) {
		for (String keyword : keywords) {
			if (peek().isKeyword(keyword)) {
				String clause = keyword + (peek(1).kind() == Kind.IDENTIFIER ? " " + peek(1).upperCase() : "");
				throw SoqlException.unsupported(clause, peek().offset());
			}
		}
	}

	private boolean isClause(Token token) {
		for (String keyword : List.of("WHERE", "WITH", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "FOR",
				"UPDATE")) {
			if (token.isKeyword(keyword)) {
				return true;
			}
		}
		return false;
	}

	private Token peek() {
		return peek(0);
	}

	private Token peek(int ahead) {
		return this.tokens.get(Math.min(this.position + ahead, this.tokens.size() - 1));
	}

	private Token next() {
		Token token = peek();
		if (token.kind() != Kind.END) {
			this.position++;
		}
		return token;
	}

	private boolean accept(String symbol) {
		if (peek().isSymbol(symbol)) {
			next();
			return true;
		}
		return false;
	}

	private boolean acceptKeyword(String keyword) {
		if (peek().isKeyword(keyword)) {
			next();
			return true;
		}
		return false;
	}

	private void expect(String symbol) {
		if (!accept(symbol)) {
			throw SoqlException.unexpected(peek());
		}
	}

	private void expectKeyword(String keyword) {
		if (!acceptKeyword(keyword)) {
			throw SoqlException.unexpected(peek());
		}
	}

}
