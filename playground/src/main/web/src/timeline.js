// The timeline: one lane per task with its recv events in order, and a lane for select
// outcomes (a select event names its winning arm, not a task).

const MAX_PER_LANE = 1000;

export class Timeline {
  constructor(root) {
    this.root = root;
    this.lanes = new Map();
  }

  clear() {
    this.lanes.clear();
    this.root.replaceChildren();
  }

  lane(key, title) {
    let list = this.lanes.get(key);
    if (!list) {
      const section = document.createElement("section");
      section.className = "lane";
      section.dataset.lane = key;
      const h = document.createElement("h4");
      h.textContent = title;
      list = document.createElement("ol");
      section.append(h, list);
      const after = [...this.root.children].find((s) => laneOrder(s.dataset.lane) > laneOrder(key));
      this.root.insertBefore(section, after || null);
      this.lanes.set(key, list);
    }
    return list;
  }

  add(f) {
    const key = f.type === "recv" ? `task-${f.task}` : "select";
    const list = this.lane(key, f.type === "select" ? "select" : f.task === 0 ? "task 0 (main)" : `task ${f.task}`);
    if (list.children.length >= MAX_PER_LANE) {
      list.dataset.more = String(Number(list.dataset.more || 0) + 1);
      list.parentElement.querySelector("h4").dataset.more = `(${list.dataset.more} more not shown)`;
      return;
    }
    const li = document.createElement("li");
    li.className = `event ${f.type}`;
    li.dataset.seq = f.seq;
    if (f.type === "recv") {
      li.textContent = `#${f.seq} recv channel ${f.channel} → ${f.value}`;
      list.append(li);
    } else {
      li.textContent = `#${f.seq} select arm ${f.arm} → ${f.value}`;
      list.append(li);
    }
  }
}

function laneOrder(key) {
  return key === "select" ? Number.MAX_SAFE_INTEGER : Number(key.slice("task-".length));
}
