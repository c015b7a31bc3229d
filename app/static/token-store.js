// Where cart-client.js keeps the cart token, shared by every tab of the origin (internal module).
//
// localStorage holds the saved cart (token + cart view) and tells idle tabs through `storage`
// events. But another tab's localStorage write reaches this tab's renderer asynchronously, so a
// read right after that tab released the cart's Web Lock can still return the older token. The
// truth for "which token is newest" is therefore an IndexedDB cell, whose transactions are
// serialised across tabs: a turn reads the token there, and stores its answer only by
// compare-and-set against the token it sent. Where IndexedDB is unusable the same compare runs
// on localStorage (best effort); where localStorage is unusable everything stays in memory.

const DB_NAME = "voicecart";
const DB_STORE = "cart-tokens";
const OPEN_TIMEOUT_MS = 3000; // a browser that neither opens nor refuses IndexedDB: go on without it

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

// One string per key in IndexedDB, with an atomic compare-and-set.
class IndexedCell {
  static async open(factory) {
    const opening = factory.open(DB_NAME, 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore(DB_STORE);
    const timeout = new Promise((_, reject) =>
      setTimeout(() => reject(new Error("IndexedDB did not open")), OPEN_TIMEOUT_MS)
    );
    return new IndexedCell(await Promise.race([request(opening), timeout]));
  }

  constructor(db) {
    this.db = db;
  }

  _run(mode, work) {
    return new Promise((resolve, reject) => {
      const tx = this.db.transaction(DB_STORE, mode);
      let result;
      work(tx.objectStore(DB_STORE), (value) => (result = value));
      tx.oncomplete = () => resolve(result); // committed: every later transaction in any tab sees it
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
  }

  get(key) {
    return this._run("readonly", (store, done) => {
      store.get(key).onsuccess = (e) => done(e.target.result ?? null);
    });
  }

  // Store `value` (null: delete) only if the token now stored is `expected` (undefined: whatever
  // is stored); resolves to whether it did.
  compareAndSet(key, expected, value, tokenOf) {
    return this._run("readwrite", (store, done) => {
      store.get(key).onsuccess = (e) => {
        if (expected !== undefined && tokenOf(e.target.result ?? null) !== expected) return done(false);
        if (value === null) store.delete(key);
        else store.put(value, key);
        done(true);
      };
    });
  }
}

export class TokenStore {
  // getStorage: () => Storage (may throw); onUnavailable(err): storage failed, once per failure.
  constructor(key, getStorage, onUnavailable, tokenOf, indexedDB = globalThis.indexedDB) {
    this.key = key;
    this.tokenOf = tokenOf; // saved string -> token (or null)
    this.memory = null; // the last value written or read, as a string
    this.onUnavailable = onUnavailable;
    this.storage = null;
    try {
      this.storage = getStorage();
      if (!this.storage) this._fail(new Error("this browser offers no localStorage"));
    } catch (err) {
      this._fail(err);
    }
    this._cell = this.storage && indexedDB ? IndexedCell.open(indexedDB).catch(() => null) : Promise.resolve(null);
  }

  get persistent() {
    return this.storage !== null;
  }

  _fail(err) {
    this.storage = null;
    this.onUnavailable(err);
  }

  _try(action) {
    if (!this.storage) return undefined;
    try {
      return action(this.storage);
    } catch (err) {
      this._fail(err);
      return undefined;
    }
  }

  // The saved string as this tab sees it now (localStorage, else memory).
  read() {
    const stored = this._try((s) => s.getItem(this.key));
    if (stored !== undefined) this.memory = stored;
    return this.memory;
  }

  async _usableCell() {
    return this.storage ? await this._cell : null;
  }

  _cellFailed() {
    this._cell = Promise.resolve(null); // from now on localStorage alone, as where there is no IndexedDB
  }

  // The newest saved string of any tab (IndexedDB when usable).
  async latest() {
    const cell = await this._usableCell();
    if (cell) {
      try {
        const value = await cell.get(this.key);
        if (value !== null) return value;
        const local = this.read(); // saved before the cell existed (an older client), or nothing
        if (this.tokenOf(local) !== null) await cell.compareAndSet(this.key, null, local, this.tokenOf);
        return await cell.get(this.key);
      } catch {
        this._cellFailed();
      }
    }
    return this.read();
  }

  // Save `value` (null: remove) if the token saved now is still `expected` (undefined: whatever is
  // saved); true when saved.
  async commit(expected, value) {
    const cell = await this._usableCell();
    if (cell) {
      try {
        if (!(await cell.compareAndSet(this.key, expected, value, this.tokenOf))) return false;
        this._mirror(value);
        return true;
      } catch {
        this._cellFailed();
      }
    }
    if (expected !== undefined && this.tokenOf(this.read()) !== expected) return false;
    this._mirror(value);
    return true;
  }

  // localStorage (for `storage` events and reloads) and memory.
  _mirror(value) {
    this.memory = value;
    const storage = this.storage;
    this._try((s) => (value === null ? s.removeItem(this.key) : s.setItem(this.key, value)));
    if (storage && !this.storage) {
      // the write failed (a full quota): drop the older stored cart, or a reload would bring it back
      try {
        storage.removeItem(this.key);
      } catch {
        // nothing more to do: the token lives in memory
      }
    }
  }
}
