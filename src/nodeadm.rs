//! nodeadm's `spec.kubelet.maxPodsExpression`: the CEL subset its documented expressions use (integers,
//! arithmetic, comparisons, `&&`, `||`, `!`, ternaries) over `default_enis`, `ips_per_eni` and `max_pods`.
//! Mirrors `evaluateCustomMaxPodsExpression` and `CalcMaxPods` in `nodeadm/internal/kubelet/eni_max_pods.go`.

/// The variables nodeadm binds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExprVars {
    pub default_enis: i64,
    pub ips_per_eni: i64,
    pub max_pods: i64,
}

/// Why an expression was rejected; nodeadm then falls back to the standard value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExprError {
    /// Syntax errors and unknown identifiers: "failed to compile custom max pods expression".
    Compile(String),
    /// Type errors, overflow, division by zero, or a result outside `0 < v ≤ MaxInt32`.
    Eval(String),
}

impl std::fmt::Display for ExprError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExprError::Compile(m) => write!(f, "failed to compile custom max pods expression: {m}"),
            ExprError::Eval(m) => write!(f, "failed to evaluate custom max pods expression: {m}"),
        }
    }
}

/// `getMemoryMebibytesToReserve`: kubelet's kubeReserved memory for a maxPods value, `11 × maxPods + 255` MiB
/// (the same in AL2's `bootstrap.sh`).
pub fn kube_reserved_memory_mib(max_pods: i64) -> i64 {
    11 * max_pods + 255
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Value {
    Int(i64),
    Bool(bool),
}

/// Evaluates `expr` and applies nodeadm's range check (`0 < v ≤ MaxInt32`).
pub fn evaluate_max_pods_expression(expr: &str, vars: ExprVars) -> Result<i64, ExprError> {
    let tokens = lex(expr)?;
    let mut p = Parser {
        tokens: &tokens,
        pos: 0,
        vars,
    };
    // Identifiers are checked before anything is evaluated, like CEL's Compile before Eval.
    p.check_identifiers()?;
    // Both arms of a ternary are parsed (and so evaluated), so a syntax error anywhere surfaces here.
    let value = p.expr()?;
    if p.pos != tokens.len() {
        return Err(ExprError::Compile("unexpected trailing input".into()));
    }
    match value {
        Value::Int(v) if v > 0 && v <= i64::from(i32::MAX) => Ok(v),
        Value::Int(v) => Err(ExprError::Eval(format!(
            "max pods must be greater than 0 and less than MaxInt32, got {v}"
        ))),
        Value::Bool(_) => Err(ExprError::Eval("expression must evaluate to an integer".into())),
    }
}

/// `CalcMaxPods`: the expression's value, or the standard `default_enis × (ips_per_eni − 1) + 2` when there
/// is none or it fails. The bool says whether the expression was used.
pub fn calc_max_pods(default_enis: i64, ips_per_eni: i64, expr: Option<&str>) -> (i64, bool) {
    let vars = ExprVars::standard(default_enis, ips_per_eni);
    match expr.map(|e| evaluate_max_pods_expression(e, vars)) {
        Some(Ok(v)) => (v, true),
        _ => (vars.max_pods, false),
    }
}

impl ExprVars {
    /// The bindings nodeadm makes, `max_pods` being the standard `default_enis × (ips_per_eni − 1) + 2`.
    pub fn standard(default_enis: i64, ips_per_eni: i64) -> ExprVars {
        ExprVars {
            default_enis,
            ips_per_eni,
            max_pods: default_enis * (ips_per_eni - 1) + 2,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Int(i64),
    Ident(String),
    Op(&'static str),
}

fn lex(s: &str) -> Result<Vec<Tok>, ExprError> {
    const OPS: [&str; 19] = [
        "<=", ">=", "==", "!=", "&&", "||", "+", "-", "*", "/", "%", "<", ">", "(", ")", "?", ":", "!", ",",
    ];
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let n = s[start..i]
                .parse()
                .map_err(|_| ExprError::Compile(format!("integer {} out of range", &s[start..i])))?;
            out.push(Tok::Int(n));
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push(Tok::Ident(s[start..i].to_string()));
        } else if let Some(op) = OPS.iter().find(|op| s[i..].starts_with(**op)) {
            out.push(Tok::Op(op));
            i += op.len();
        } else {
            let ch = s[i..].chars().next().unwrap_or('?');
            return Err(ExprError::Compile(format!("unexpected character '{ch}'")));
        }
    }
    Ok(out)
}

struct Parser<'a> {
    tokens: &'a [Tok],
    pos: usize,
    vars: ExprVars,
}

type R = Result<Value, ExprError>;

impl Parser<'_> {
    fn check_identifiers(&self) -> Result<(), ExprError> {
        for t in self.tokens {
            if let Tok::Ident(name) = t {
                if !matches!(
                    name.as_str(),
                    "default_enis" | "ips_per_eni" | "max_pods" | "true" | "false"
                ) {
                    return Err(ExprError::Compile(format!("undeclared reference to '{name}'")));
                }
            }
        }
        Ok(())
    }

    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.pos)
    }

    fn eat(&mut self, op: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Op(o)) if *o == op) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expr(&mut self) -> R {
        let cond = self.or()?;
        if self.eat("?") {
            let a = self.expr()?;
            if !self.eat(":") {
                return Err(ExprError::Compile("expected ':'".into()));
            }
            let b = self.expr()?;
            return match cond {
                Value::Bool(true) => Ok(a),
                Value::Bool(false) => Ok(b),
                Value::Int(_) => Err(ExprError::Eval("ternary condition must be a bool".into())),
            };
        }
        Ok(cond)
    }

    fn or(&mut self) -> R {
        let mut v = self.and()?;
        while self.eat("||") {
            let r = self.and()?;
            v = Value::Bool(as_bool(v)? || as_bool(r)?);
        }
        Ok(v)
    }

    fn and(&mut self) -> R {
        let mut v = self.cmp()?;
        while self.eat("&&") {
            let r = self.cmp()?;
            v = Value::Bool(as_bool(v)? && as_bool(r)?);
        }
        Ok(v)
    }

    fn cmp(&mut self) -> R {
        let l = self.add()?;
        for op in ["<=", ">=", "==", "!=", "<", ">"] {
            if self.eat(op) {
                let r = self.add()?;
                let (a, b) = (as_int(l)?, as_int(r)?);
                return Ok(Value::Bool(match op {
                    "<=" => a <= b,
                    ">=" => a >= b,
                    "==" => a == b,
                    "!=" => a != b,
                    "<" => a < b,
                    _ => a > b,
                }));
            }
        }
        Ok(l)
    }

    fn add(&mut self) -> R {
        let mut v = self.mul()?;
        loop {
            let op = if self.eat("+") {
                "+"
            } else if self.eat("-") {
                "-"
            } else {
                return Ok(v);
            };
            let r = self.mul()?;
            let (a, b) = (as_int(v)?, as_int(r)?);
            let out = if op == "+" { a.checked_add(b) } else { a.checked_sub(b) };
            v = Value::Int(out.ok_or_else(|| ExprError::Eval("integer overflow".into()))?);
        }
    }

    fn mul(&mut self) -> R {
        let mut v = self.unary()?;
        loop {
            let op = if self.eat("*") {
                "*"
            } else if self.eat("/") {
                "/"
            } else if self.eat("%") {
                "%"
            } else {
                return Ok(v);
            };
            let r = self.unary()?;
            let (a, b) = (as_int(v)?, as_int(r)?);
            let out = match op {
                "*" => a.checked_mul(b),
                "/" => a.checked_div(b),
                _ => a.checked_rem(b),
            };
            v = Value::Int(out.ok_or_else(|| ExprError::Eval("integer overflow or division by zero".into()))?);
        }
    }

    fn unary(&mut self) -> R {
        if self.eat("-") {
            let v = as_int(self.unary()?)?;
            return v
                .checked_neg()
                .map(Value::Int)
                .ok_or_else(|| ExprError::Eval("integer overflow".into()));
        }
        if self.eat("!") {
            return Ok(Value::Bool(!as_bool(self.unary()?)?));
        }
        self.primary()
    }

    fn primary(&mut self) -> R {
        let tok = self.peek().cloned();
        self.pos += 1;
        match tok {
            Some(Tok::Int(n)) => Ok(Value::Int(n)),
            Some(Tok::Ident(name)) => match name.as_str() {
                "default_enis" => Ok(Value::Int(self.vars.default_enis)),
                "ips_per_eni" => Ok(Value::Int(self.vars.ips_per_eni)),
                "max_pods" => Ok(Value::Int(self.vars.max_pods)),
                "true" => Ok(Value::Bool(true)),
                "false" => Ok(Value::Bool(false)),
                other => Err(ExprError::Compile(format!("undeclared reference to '{other}'"))),
            },
            Some(Tok::Op("(")) => {
                let v = self.expr()?;
                if self.eat(")") {
                    Ok(v)
                } else {
                    Err(ExprError::Compile("expected ')'".into()))
                }
            }
            Some(Tok::Op(op)) => Err(ExprError::Compile(format!("unexpected '{op}'"))),
            None => Err(ExprError::Compile("unexpected end of expression".into())),
        }
    }
}

fn as_int(v: Value) -> Result<i64, ExprError> {
    match v {
        Value::Int(n) => Ok(n),
        Value::Bool(_) => Err(ExprError::Eval("expected an integer, found a bool".into())),
    }
}

fn as_bool(v: Value) -> Result<bool, ExprError> {
    match v {
        Value::Bool(b) => Ok(b),
        Value::Int(_) => Err(ExprError::Eval("expected a bool, found an integer".into())),
    }
}

/// kubelet's maxPods for `instance` under `expr`, as nodeadm evaluates it (`CalcMaxPods` over the default
/// card's ENIs and IPv4 addresses per ENI). Unlike nodeadm, which logs a failure and falls back to the
/// standard value, this hands the failure back, so the CLI can refuse the expression.
pub fn expression_max_pods(instance: &crate::vpc::InstanceTypeLimits, expr: &str) -> Result<i64, ExprError> {
    let vars = ExprVars::standard(i64::from(instance.eni_limit), i64::from(instance.ipv4_limit));
    evaluate_max_pods_expression(expr, vars)
}

/// kubelet's maxPods for `instance` under `expr`, as the whole number a `Scenario` takes. The CLI's
/// `--max-pods-expression` and the page's maxPods field (which takes a number or an expression) share it;
/// the message names no flag, so each caller says where the expression came from.
pub fn kubelet_max_pods(instance: &crate::vpc::InstanceTypeLimits, expr: &str) -> Result<u32, String> {
    let n = expression_max_pods(instance, expr).map_err(|e| e.to_string())?;
    u32::try_from(n).map_err(|_| format!("the expression gives {n}, not a maxPods"))
}
