//! The cluster's rows as typed: node groups and subnets, each cell addressed by a `Cell` with its rule
//! and inline message. The form's single-node fields (`type`, `pods`, `nodes`, `subnet`, `node_subnet`)
//! are the selected group's cells and the first subnet rows'.

use super::fields::{searchable, MAX_INSTANCE_TYPE_CHARS};
use crate::cluster::Surge;
use crate::ipamd::MAX_PODS_INPUT;
use crate::scenario::MAX_NODES;
use crate::vpc::InstanceTypeLimits;

/// The most rows of each list a form (and a link) holds.
pub const MAX_ROWS: usize = 20;
/// The longest group name or AZ name.
pub const MAX_NAME_CHARS: usize = 32;
/// The most addresses a subnet row says are used by other things (a /16 has 65536).
pub const MAX_USED: u32 = 65_536;

/// One node group as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    pub instance_type: String,
    pub pods: String,
    pub nodes: String,
    /// Empty: the desired count.
    pub max_nodes: String,
    /// Extra nodes during a rolling replacement: a count, or a percentage (`25%`); empty is 0.
    pub surge: String,
    /// Comma-separated AZ names; empty: every AZ that has a subnet.
    pub azs: String,
}

impl Group {
    /// A group of one node with no pods.
    pub fn blank(instance_type: &str) -> Group {
        Group {
            name: String::new(),
            instance_type: instance_type.into(),
            pods: "0".into(),
            nodes: "1".into(),
            max_nodes: String::new(),
            surge: String::new(),
            azs: String::new(),
        }
    }
}

/// One subnet row as typed: its CIDR, its AZ (empty is `a`) and the addresses other things use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubnetRow {
    pub cidr: String,
    pub az: String,
    pub used: String,
}

/// The instance type of a group a link names only by a later row (`g2.pods=3` makes groups 1 and 2).
pub const DEFAULT_TYPE: &str = "m5.large";

/// The AZ an empty AZ cell stands for.
pub const DEFAULT_AZ: &str = "a";

impl SubnetRow {
    /// The AZ this row is in.
    pub fn az(&self) -> &str {
        match self.az.trim() {
            "" => DEFAULT_AZ,
            az => az,
        }
    }
}

/// Which list a row is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum List {
    Groups,
    /// Where pod addresses come from: the one subnet list, or the ENIConfig subnets with custom networking.
    Subnets,
    /// Custom networking only: the nodes' own subnets.
    NodeSubnets,
}

/// One column of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Col {
    Name,
    Type,
    Pods,
    Nodes,
    MaxNodes,
    Surge,
    Azs,
    Cidr,
    Az,
    Used,
}

impl List {
    pub const ALL: [List; 3] = [List::Groups, List::Subnets, List::NodeSubnets];

    /// The columns of this list's rows, in display order.
    pub fn cols(self) -> &'static [Col] {
        match self {
            List::Groups => &[
                Col::Name,
                Col::Type,
                Col::Pods,
                Col::Nodes,
                Col::MaxNodes,
                Col::Surge,
                Col::Azs,
            ],
            List::Subnets | List::NodeSubnets => &[Col::Cidr, Col::Az, Col::Used],
        }
    }

    /// The letter before a row's index in a link (`g1.type`, `s1.subnet`, `n1.node_subnet`).
    pub fn letter(self) -> char {
        match self {
            List::Groups => 'g',
            List::Subnets => 's',
            List::NodeSubnets => 'n',
        }
    }
}

/// One cell of the cluster editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cell {
    pub list: List,
    pub row: usize,
    pub col: Col,
}

impl Cell {
    /// The link key: row 0 keeps the keys links had before groups (`type`, `subnet`, `node_subnet`);
    /// row `i` puts `g{i}.`, `s{i}.` or `n{i}.` before the same key.
    pub fn key(self) -> String {
        let base = match (self.list, self.col) {
            (_, Col::Name) => "name",
            (_, Col::Type) => "type",
            (_, Col::Pods) => "pods",
            (_, Col::Nodes) => "nodes",
            (_, Col::MaxNodes) => "max_nodes",
            (_, Col::Surge) => "surge",
            (_, Col::Azs) => "azs",
            (List::NodeSubnets, Col::Cidr) => "node_subnet",
            (List::NodeSubnets, Col::Az) => "node_az",
            (List::NodeSubnets, Col::Used) => "node_used",
            (_, Col::Cidr) => "subnet",
            (_, Col::Az) => "az",
            (_, Col::Used) => "used",
        };
        match self.row {
            0 => base.to_string(),
            i => format!("{}{i}.{base}", self.list.letter()),
        }
    }

    /// The cell a link key names, if any (the row index below `MAX_ROWS`, without leading zeros).
    pub fn from_key(key: &str) -> Option<Cell> {
        let (list, row) = match key.split_once('.') {
            None => (None, 0),
            Some((head, _)) => {
                let mut chars = head.chars();
                let letter = chars.next()?;
                let digits = chars.as_str();
                let row: usize = digits.parse().ok()?;
                let list = List::ALL.into_iter().find(|l| l.letter() == letter)?;
                if digits.starts_with('0') || !(1..MAX_ROWS).contains(&row) {
                    return None;
                }
                (Some(list), row)
            }
        };
        List::ALL
            .into_iter()
            .filter(|&l| list.is_none_or(|x| x == l))
            .flat_map(|l| l.cols().iter().map(move |&col| Cell { list: l, row, col }))
            .find(|c| c.key() == key)
    }

    /// The accessible label: the row, then the column (`Group 2 Instance type`).
    pub fn label(self) -> String {
        format!("{} {}", self.row_name(), self.col_name())
    }

    /// The row's name, counting from 1 (`Group 2`, `Subnet 1`, `Node subnet 1`).
    pub fn row_name(self) -> String {
        let list = match self.list {
            List::Groups => "Group",
            List::Subnets => "Subnet",
            List::NodeSubnets => "Node subnet",
        };
        format!("{list} {}", self.row + 1)
    }

    /// The column's visible label.
    pub fn col_name(self) -> &'static str {
        match self.col {
            Col::Name => "Name",
            Col::Type => "Instance type",
            Col::Pods => "Pods per node",
            Col::Nodes => "Desired nodes",
            Col::MaxNodes => "Max nodes",
            Col::Surge => "Surge",
            Col::Azs => "AZs",
            Col::Cidr => "CIDR",
            Col::Az => "AZ",
            Col::Used => "Used",
        }
    }

    /// What an empty cell means.
    pub fn placeholder(self) -> &'static str {
        match self.col {
            Col::Name => "group",
            Col::Type => "m5.large",
            Col::Pods | Col::Used => "0",
            Col::Nodes => "1",
            Col::MaxNodes => "= desired",
            Col::Surge => "0, or 25%",
            Col::Azs => "every AZ",
            Col::Cidr => "10.0.0.0/24",
            Col::Az => DEFAULT_AZ,
        }
    }
}

/// A whole number in `min..=max` written with digits only, or the rule's message.
pub fn whole(v: &str, min: u64, max: u64, rule: &str) -> Result<u64, String> {
    match v.parse::<u64>() {
        Ok(n) if v.bytes().all(|b| b.is_ascii_digit()) && (min..=max).contains(&n) => Ok(n),
        _ => Err(rule.to_string()),
    }
}

/// Whether a group name or an AZ name may hold `c`: a letter, a digit, `-`, `_` or `.`.
pub fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-_.".contains(c)
}

/// A group name or an AZ name: letters, digits, `-`, `_` and `.`, at most 32 characters.
fn name_rule(v: &str, what: &str) -> Result<(), String> {
    let ok = v.chars().count() <= MAX_NAME_CHARS && v.chars().all(name_char);
    ok.then_some(())
        .ok_or_else(|| format!("{what} has at most {MAX_NAME_CHARS} letters, digits, '-', '_' or '.'"))
}

/// The rule one cell's text must meet on its own (AZs naming a subnet's AZ is checked with the whole form);
/// an instance type is the catalog's or one of the form's defined `types`.
pub fn check_cell(col: Col, v: &str, types: &[InstanceTypeLimits]) -> Result<(), String> {
    let v = v.trim();
    let optional = |r: Result<u64, String>| if v.is_empty() { Ok(()) } else { r.map(|_| ()) };
    let nodes_rule = format!("must be a whole number from 1 to {MAX_NODES}");
    match col {
        Col::Name => name_rule(v, "A group name"),
        Col::Type if !searchable(v) => Err(format!(
            "An instance type name has at most {MAX_INSTANCE_TYPE_CHARS} characters (e.g. m5.large)"
        )),
        Col::Type => crate::vpc::lookup_in(types, v).map(|_| ()).map_err(|e| e.to_string()),
        Col::Pods => whole(
            v,
            0,
            u64::from(MAX_PODS_INPUT),
            &format!("Pods per node must be a whole number from 0 to {MAX_PODS_INPUT}"),
        )
        .map(|_| ()),
        Col::Nodes => whole(v, 1, u64::from(MAX_NODES), &format!("Nodes {nodes_rule}")).map(|_| ()),
        Col::MaxNodes => optional(whole(
            v,
            1,
            u64::from(MAX_NODES),
            &format!("Max nodes {nodes_rule}, or empty"),
        )),
        // The cluster spec's own reading of a surge, with the node-count cap.
        Col::Surge => optional(Surge::parse(v).and_then(|s| match s {
            Surge::Nodes(n) if n > MAX_NODES => Err(format!("surge {n} is more than {MAX_NODES} nodes")),
            _ => Ok(0),
        })),
        Col::Azs => v
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .try_for_each(|a| name_rule(a, "An AZ name")),
        Col::Cidr => optional(crate::subnet::parse_cidr(v).map(|_| 0)),
        Col::Az => name_rule(v, "An AZ name"),
        Col::Used => optional(whole(
            v,
            0,
            u64::from(MAX_USED),
            &format!("Used addresses must be a whole number from 0 to {MAX_USED}, or empty"),
        )),
    }
}

/// The AZ names a group lists, trimmed, without empties.
pub fn az_list(azs: &str) -> Vec<&str> {
    azs.split(',').map(str::trim).filter(|a| !a.is_empty()).collect()
}
