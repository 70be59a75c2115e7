//! YAML documents as JSON values, for the settings importer (CLI only: the page's wasm leaves the parser
//! out for its size budget and reads JSON). `yaml-rust2` parses YAML 1.2; every document of a multi-document
//! manifest comes back, in order.

use serde_json::{Map, Number, Value};
use yaml_rust2::{Yaml, YamlLoader};

/// Every document of `text`, as JSON values. Integers and booleans stay typed; other scalars are strings
/// (a float keeps the text it was written with, so `1.10` stays `1.10`).
pub fn documents(text: &str) -> Result<Vec<Value>, String> {
    let docs = YamlLoader::load_from_str(text).map_err(|e| format!("not YAML or JSON: {e}"))?;
    Ok(docs.iter().map(to_json).collect())
}

fn to_json(y: &Yaml) -> Value {
    match y {
        Yaml::Real(s) | Yaml::String(s) => Value::String(s.clone()),
        Yaml::Integer(i) => Value::Number(Number::from(*i)),
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Array(a) => Value::Array(a.iter().map(to_json).collect()),
        Yaml::Hash(h) => {
            let mut m = Map::new();
            for (k, v) in h {
                m.insert(scalar_text(k), to_json(v));
            }
            Value::Object(m)
        }
        Yaml::Alias(_) | Yaml::Null | Yaml::BadValue => Value::Null,
    }
}

fn scalar_text(y: &Yaml) -> String {
    match y {
        Yaml::Real(s) | Yaml::String(s) => s.clone(),
        Yaml::Integer(i) => i.to_string(),
        Yaml::Boolean(b) => b.to_string(),
        other => format!("{other:?}"),
    }
}
