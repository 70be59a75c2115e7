//! The cluster editor's side of the form: the selected group, each cell's text, adding and removing rows,
//! and every cell's rule (the rules themselves are in `rows`).

use super::rows::{self, az_list, Cell, Col, Group, List, SubnetRow, DEFAULT_TYPE, MAX_NAME_CHARS, MAX_ROWS};
use super::{Field, Form};
use crate::cluster::{ClusterSpec, NodeGroupSpec, SubnetSpec, Surge};

impl Form {
    /// The selected node group: the one the single-node views (stepper, node view, max pods) show.
    pub fn group(&self) -> &Group {
        &self.groups[self.selected.min(self.groups.len() - 1)]
    }

    pub fn group_mut(&mut self) -> &mut Group {
        let i = self.selected.min(self.groups.len() - 1);
        &mut self.groups[i]
    }

    /// How many rows `list` has.
    pub fn rows(&self, list: List) -> usize {
        match list {
            List::Groups => self.groups.len(),
            List::Subnets => self.subnets.len(),
            List::NodeSubnets => self.node_subnets.len(),
        }
    }

    fn subnet_list(&self, list: List) -> &[SubnetRow] {
        match list {
            List::NodeSubnets => &self.node_subnets,
            _ => &self.subnets,
        }
    }

    /// The text of a cell; a row that does not exist reads as empty.
    pub fn get_cell(&self, c: Cell) -> String {
        let text = match c.list {
            List::Groups => self.groups.get(c.row).map(|g| match c.col {
                Col::Name => &g.name,
                Col::Type => &g.instance_type,
                Col::Pods => &g.pods,
                Col::Nodes => &g.nodes,
                Col::MaxNodes => &g.max_nodes,
                Col::Surge => &g.surge,
                _ => &g.azs,
            }),
            list => self.subnet_list(list).get(c.row).map(|s| match c.col {
                Col::Cidr => &s.cidr,
                Col::Az => &s.az,
                _ => &s.used,
            }),
        };
        text.cloned().unwrap_or_default()
    }

    /// Sets a cell, adding blank rows up to it (a link may name row 3 before row 1); rows past `MAX_ROWS`
    /// are refused.
    pub fn set_cell(&mut self, c: Cell, value: &str) {
        if c.row >= MAX_ROWS {
            return;
        }
        let v = value.to_string();
        match c.list {
            List::Groups => {
                if self.groups.len() <= c.row {
                    self.groups.resize(c.row + 1, Group::blank(DEFAULT_TYPE));
                }
                let g = &mut self.groups[c.row];
                match c.col {
                    Col::Name => g.name = v,
                    Col::Type => g.instance_type = v,
                    Col::Pods => g.pods = v,
                    Col::Nodes => g.nodes = v,
                    Col::MaxNodes => g.max_nodes = v,
                    Col::Surge => g.surge = v,
                    _ => g.azs = v,
                }
            }
            list => {
                let rows = match list {
                    List::NodeSubnets => &mut self.node_subnets,
                    _ => &mut self.subnets,
                };
                if rows.len() <= c.row {
                    rows.resize(c.row + 1, SubnetRow::default());
                }
                let s = &mut rows[c.row];
                match c.col {
                    Col::Cidr => s.cidr = v,
                    Col::Az => s.az = v,
                    _ => s.used = v,
                }
            }
        }
    }

    /// Adds a row at the end: a new group copies the selected one (without its name) and becomes selected;
    /// a new subnet row is empty. Nothing past `MAX_ROWS`.
    pub fn add_row(&mut self, list: List) {
        if self.rows(list) >= MAX_ROWS {
            return;
        }
        match list {
            List::Groups => {
                let mut g = self.group().clone();
                g.name.clear();
                self.groups.push(g);
                self.selected = self.groups.len() - 1;
            }
            List::Subnets => self.subnets.push(SubnetRow::default()),
            List::NodeSubnets => self.node_subnets.push(SubnetRow::default()),
        }
    }

    /// Removes a row; the last row left of a list is cleared instead (a group back to one node, no pods).
    pub fn remove_row(&mut self, list: List, row: usize) {
        if row >= self.rows(list) {
            return;
        }
        match list {
            List::Groups if self.groups.len() == 1 => {
                self.groups[0] = Group::blank(&self.groups[0].instance_type);
            }
            List::Groups => {
                self.groups.remove(row);
                if self.selected > row || self.selected >= self.groups.len() {
                    self.selected = self.selected.saturating_sub(1);
                }
            }
            List::Subnets if self.subnets.len() == 1 => self.subnets[0] = SubnetRow::default(),
            List::Subnets => drop(self.subnets.remove(row)),
            List::NodeSubnets if self.node_subnets.len() == 1 => self.node_subnets[0] = SubnetRow::default(),
            List::NodeSubnets => drop(self.node_subnets.remove(row)),
        }
    }

    /// Replaces the node groups with a cluster's (`import::kubectl::read_cluster`'s), the first `MAX_ROWS` of
    /// them, and selects the first; the subnets stay as typed (a pasted cluster names none). A name gets
    /// the name cell's rule: a character it does not take becomes `-` (a Karpenter pool split by type,
    /// `batch/c5.xlarge`, is `batch-c5.xlarge`), and it is cut at `MAX_NAME_CHARS`. A spec with no group
    /// leaves the form as it is.
    pub fn replace_groups(&mut self, groups: &[NodeGroupSpec]) {
        if groups.is_empty() {
            return;
        }
        self.groups = groups
            .iter()
            .take(MAX_ROWS)
            .map(|g| Group {
                name: g
                    .name
                    .chars()
                    .map(|c| if rows::name_char(c) { c } else { '-' })
                    .take(MAX_NAME_CHARS)
                    .collect(),
                instance_type: g.instance_type.clone(),
                pods: g.pods.to_string(),
                nodes: g.nodes.to_string(),
                max_nodes: g.max_nodes.map_or(String::new(), |n| n.to_string()),
                surge: match g.surge {
                    Surge::Nodes(0) => String::new(),
                    s => s.to_string(),
                },
                azs: g.azs.join(", "),
            })
            .collect();
        self.selected = 0;
    }

    /// Selects the group the single-node views show.
    pub fn select(&mut self, row: usize) {
        if row < self.groups.len() {
            self.selected = row;
        }
    }

    /// Whether a list is in use: node subnets only with custom networking (in IPv4).
    pub fn list_applies(&self, list: List) -> bool {
        list != List::NodeSubnets || self.applies(Field::NodeSubnet).is_ok()
    }

    /// The subnets nodes are placed in: the node subnets with custom networking, else the one list.
    pub fn placement_list(&self) -> List {
        if self.list_applies(List::NodeSubnets) {
            List::NodeSubnets
        } else {
            List::Subnets
        }
    }

    /// Every cell that breaks its rule, with the message, in display order. A group's AZs must each have a
    /// subnet nodes can be placed in (once any subnet is given).
    pub fn check_cells(&self) -> Vec<(Cell, String)> {
        let mut errors = Vec::new();
        for list in List::ALL.into_iter().filter(|&l| self.list_applies(l)) {
            for row in 0..self.rows(list) {
                for &col in list.cols() {
                    let c = Cell { list, row, col };
                    if let Err(e) = rows::check_cell(col, &self.get_cell(c), &self.types) {
                        errors.push((c, e));
                    }
                }
            }
        }
        let placed: Vec<&str> = self
            .subnet_list(self.placement_list())
            .iter()
            .filter(|s| !s.cidr.trim().is_empty())
            .map(SubnetRow::az)
            .collect();
        for (row, g) in self.groups.iter().enumerate() {
            let c = Cell {
                list: List::Groups,
                row,
                col: Col::Azs,
            };
            let missing = az_list(&g.azs).into_iter().find(|a| !placed.contains(a));
            if let (Some(az), false, true) = (
                missing,
                placed.is_empty(),
                rows::check_cell(Col::Azs, &g.azs, &[]).is_ok(),
            ) {
                errors.push((c, format!("AZ '{az}' has no subnet for nodes: add one or leave it out")));
            }
        }
        errors
    }

    /// The cluster the rows describe, or every cell that breaks its rule. Cluster-wide settings are the
    /// form's (`env`); rows with an empty CIDR are left out; a group without a name is `group-N`.
    pub fn cluster(&self) -> Result<ClusterSpec, Vec<(Cell, String)>> {
        let errors = self.check_cells();
        if !errors.is_empty() {
            return Err(errors);
        }
        let num = |s: &str| s.trim().parse::<u32>().ok();
        let specs = |v: &[SubnetRow]| -> Vec<SubnetSpec> {
            v.iter()
                .filter(|s| !s.cidr.trim().is_empty())
                .map(|s| SubnetSpec {
                    cidr: s.cidr.trim().to_string(),
                    az: s.az().to_string(),
                    used: num(&s.used).unwrap_or(0),
                })
                .collect()
        };
        let (subnets, pod_subnets) = match self.placement_list() {
            List::NodeSubnets => (specs(&self.node_subnets), specs(&self.subnets)),
            _ => (specs(&self.subnets), Vec::new()),
        };
        let node_groups = self
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| NodeGroupSpec {
                name: match g.name.trim() {
                    "" => format!("group-{}", i + 1),
                    n => n.to_string(),
                },
                instance_type: g.instance_type.trim().to_string(),
                pods: num(&g.pods).unwrap_or(0),
                nodes: num(&g.nodes).unwrap_or(1),
                max_nodes: num(&g.max_nodes),
                surge: Surge::parse(g.surge.trim()).unwrap_or_default(),
                azs: az_list(&g.azs).into_iter().map(String::from).collect(),
            })
            .collect();
        // A removed setting (`KEY-`) is unset, not the manifest's value: ipamd's own default applies.
        Ok(ClusterSpec {
            subnets,
            pod_subnets,
            node_groups,
            instance_data: self.types.clone(),
            ..ClusterSpec::default()
        }
        .with_env(&self.env()))
    }
}
