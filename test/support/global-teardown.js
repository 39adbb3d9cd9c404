module.exports = async () => {
  await globalThis.__CONCERT_PG__?.stop();
};
