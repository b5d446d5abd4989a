//! Cleans crawl records with the Rust library alone, for the Python tests
//! to compare the package and the Spark job against.
//!
//! ```text
//! cargo build --release --example article-clean-reference
//! target/release/examples/article-clean-reference FORMAT < records.jsonl > expected.jsonl
//! ```
//!
//! Each input line is `{"id": any, "url": string|null, "html": string}`;
//! each output line is `{"id", "content", "metadata", "report", "error_type",
//! "error"}`, cleaned exactly as the package's `Cleaner.clean(html, url)`
//! does (`content` and `metadata` are null when the library refused the
//! page, `error_type` names the `Error` variant).

use std::io::{BufRead, BufWriter, Write};
use std::process::ExitCode;

use article_clean::{Cleaner, Error};
use serde_json::{json, Map, Value};

// The package's own mapping from the library's result to its fields, so
// that both sides spell formats, actions and metadata alike.
#[allow(dead_code)]
#[path = "src/adapter.rs"]
mod adapter;

use adapter::Format;

fn error_type(err: &Error) -> &'static str {
    match err {
        Error::InvalidBaseUrl { .. } => "InvalidBaseUrl",
        Error::InputTooLarge { .. } => "InputTooLarge",
        Error::TooDeeplyNested { .. } => "TooDeeplyNested",
        Error::TooManyNodes { .. } => "TooManyNodes",
        Error::TooManyAttributes { .. } => "TooManyAttributes",
        Error::OutputTooLarge { .. } => "OutputTooLarge",
        Error::MalformedPost { .. } => "MalformedPost",
        Error::DuplicateRule { .. } => "DuplicateRule",
        Error::UnknownRule { .. } => "UnknownRule",
        Error::InvalidSetting { .. } => "InvalidSetting",
        Error::InvalidSelector { .. } => "InvalidSelector",
        Error::InvalidRules { .. } => "InvalidRules",
        Error::Io { .. } => "Io",
        _ => "Error",
    }
}

fn clean(cleaner: &Cleaner, format: Format, record: &Value) -> Result<Value, String> {
    let html = record
        .get("html")
        .and_then(Value::as_str)
        .ok_or("a record needs an \"html\" string")?;
    let url = record.get("url").and_then(Value::as_str);
    let mut out = Map::new();
    out.insert(
        "id".into(),
        record.get("id").cloned().unwrap_or(Value::Null),
    );
    let result = match url {
        Some(url) => cleaner.clean_with_url(html, url),
        None => cleaner.clean(html),
    };
    match result {
        Ok(cleaned) => {
            let metadata: Map<String, Value> = adapter::metadata(&cleaned)
                .fields()
                .iter()
                .map(|(k, v)| (k.to_string(), json!(v)))
                .collect();
            let (content, report) = adapter::content(cleaned, format);
            let report: Vec<Value> = report
                .entries()
                .iter()
                .map(|e| {
                    let (action, detail) = adapter::action_parts(&e.action);
                    json!({
                        "rule": e.rule,
                        "action": action,
                        "detail": detail,
                        "element": e.element,
                        "text_len": e.text_len,
                        "excerpt": e.excerpt,
                    })
                })
                .collect();
            out.insert("content".into(), json!(content));
            out.insert("metadata".into(), Value::Object(metadata));
            out.insert("report".into(), json!(report));
            out.insert("error_type".into(), Value::Null);
            out.insert("error".into(), Value::Null);
        }
        Err(e) => {
            out.insert("content".into(), Value::Null);
            out.insert("metadata".into(), Value::Null);
            out.insert("report".into(), json!([]));
            out.insert("error_type".into(), json!(error_type(&e)));
            out.insert("error".into(), json!(e.to_string()));
        }
    }
    Ok(Value::Object(out))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [name] = args.as_slice() else {
        eprintln!("usage: article-clean-reference text|html|markdown < records.jsonl");
        return ExitCode::from(2);
    };
    let format = match Format::parse(name) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("article-clean-reference: {e}");
            return ExitCode::from(2);
        }
    };
    let cleaner = match Cleaner::builder()
        .output(format.output())
        .build()
        .map_err(|e| e.to_string())
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("article-clean-reference: {e}");
            return ExitCode::from(2);
        }
    };
    let stdin = std::io::stdin();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for (n, line) in stdin.lock().lines().enumerate() {
        let result = line
            .map_err(|e| e.to_string())
            .and_then(|line| serde_json::from_str::<Value>(&line).map_err(|e| e.to_string()))
            .and_then(|record| clean(&cleaner, format, &record))
            .and_then(|value| writeln!(out, "{value}").map_err(|e| e.to_string()));
        if let Err(e) = result {
            eprintln!("article-clean-reference: line {}: {e}", n + 1);
            return ExitCode::FAILURE;
        }
    }
    if let Err(e) = out.flush() {
        eprintln!("article-clean-reference: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
